using Microsoft.Extensions.Logging;

namespace DanVanKheo.Grains;

/// <summary>
/// The roll-up half of a unit: versioned reports in, coalesced storage writes, and at most one report
/// up to the parent (and one push to live subscribers) per flush interval.
/// </summary>
public sealed partial class UnitGrain
{
    private long _changeGeneration;
    private long _writtenGeneration;
    private Task? _writeLoop;
    private DateTimeOffset _lastWrite = DateTimeOffset.MinValue;

    private bool _dirty;
    private bool _deactivating;
    private bool _flushing;
    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;

    private static readonly Task<ReportAck> StoredTask = Task.FromResult(ReportAck.Stored);

    private long _modelReportsReceived;
    private long _childReportsReceived;
    private long _childDeltasReceived;
    private long _reportsSent;
    private DateTimeOffset _activatedAt;

    // For the lag and batch-size metrics: when the oldest unreported change happened, and how many reports since.
    private DateTimeOffset? _pendingSince;
    private int _pendingReports;
    private int _countedSubscribers;

    public ValueTask<ReportAck> ReportModel(ModelReport report)
    {
        _modelReportsReceived++;
        _pendingReports++;
        metrics.ModelReportReceived(_state.Definition?.Level);
        // While the merge moves out, removals still apply: its own moves send them.
        if (Successor is { } successor && (_state.MergedInto is not null || report.Contribution.Mask != 0))
        {
            return new(new ReportAck(true, successor));
        }

        if (_state.Definition is null)
        {
            return new(new ReportAck(true, null));
        }

        if (!_state.Models.TryGetValue(report.ModelId, out var entry) || entry.Version < report.Version)
        {
            _sum.Add(entry.Contribution, -1).Add(report.Contribution, 1);
            _state.Models[report.ModelId] = new ModelEntry(report.Version, report.Contribution);
            if (entry.Contribution != report.Contribution)
            {
                ChangedByReport();
            }
            else
            {
                Touch();
            }
        }

        return new(Stored(AcknowledgeAsync()));
    }

    public Task<ReportAck> ReportChild(ChildReport report)
    {
        if (ReceivedFromChild(report.Code) is not { } slot)
        {
            return Task.FromResult(new ReportAck(true, _state.MergedInto));
        }

        if (slot.Version < report.Version)
        {
            if (!slot.Tally.SameAs(report.Tally))
            {
                _sum.Add(slot.Tally, -1);
                slot.Accept(report.Version, report.Tally);
                _sum.Add(slot.Tally, 1);
                ChangedByReport();
            }
            else
            {
                slot.Confirm(report.Version);
                Touch();
            }
        }

        return Stored(AcknowledgeAsync());
    }

    /// <summary>
    /// <see cref="ReportAck.Stored"/> once <paramref name="acknowledged"/> completes. Reports arrive for nearly every model
    /// change at each level, and with write-behind the acknowledgement is already complete: then the answer is a task
    /// made once, not one per report.
    /// </summary>
    private static Task<ReportAck> Stored(Task acknowledged) =>
        acknowledged.IsCompletedSuccessfully ? StoredTask : StoredAfter(acknowledged);

    private static async Task<ReportAck> StoredAfter(Task acknowledged)
    {
        await acknowledged;
        return ReportAck.Stored;
    }

    /// <summary>Counts a child's report, whole or delta; null when the sender is not a child of this unit (refused).</summary>
    private ChildSlot? ReceivedFromChild(string code)
    {
        _childReportsReceived++;
        _pendingReports++;
        metrics.ChildReportReceived(_state.Definition?.Level);
        return _children.GetValueOrDefault(code);
    }

    public Task<OwnModel[]> GetModelEntries() => Task.FromResult(
        _state.Models
            .Where(m => m.Value.Contribution.Mask != 0)
            .Select(m => new OwnModel(m.Key, m.Value.Version, m.Value.Contribution))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToArray());

    public async Task<UnitInfo> Resync()
    {
        var definition = _state.Definition ?? throw DvkException.NotFound("unit", Code);
        _sum.Clear();
        foreach (var child in _children.Values)
        {
            _sum.Add(child.Tally, 1);
        }

        foreach (var model in _state.Models.Values)
        {
            _sum.Add(model.Contribution, 1);
        }

        if (definition.ParentCode is not null && _state.MergedInto is null)
        {
            _state.ReportVersion++;
        }

        // The point of a resync is that the parent's copy may be wrong: send the whole tally, not a delta from it.
        ReportWholeNext();

        Changed();
        await AcknowledgeAsync();
        return Info();
    }

    public Task<RollupStats> GetStats() =>
        Task.FromResult(new RollupStats(_modelReportsReceived, _childReportsReceived, _reportsSent, _activatedAt, _childDeltasReceived));

    /// <summary>The state changed but the tally did not: it must be stored, nothing reported.</summary>
    private void Touch()
    {
        _changeGeneration++;
        _state.AsOf = time.GetUtcNow();
    }

    /// <summary>The tally changed: store it, and report it upward at the next flush.</summary>
    private void Changed()
    {
        MarkChanged();
        ScheduleFlush();
    }

    /// <summary>
    /// <see cref="Changed"/> as the last step of a report's turn. Where reports are pushed and the last flush is an
    /// interval old, the flush runs in this turn instead of in the flush loop. That is nearly every report at hamlet and
    /// commune level (a unit there sees under one report per interval), and the loop's first step, a yield to the
    /// activation's scheduler so that reports arriving together share a flush, cost each of them a task, a queued work
    /// item and a turn of its own. Busier units, and every unit whose reports are awaited, keep the loop.
    /// </summary>
    private void ChangedByReport()
    {
        MarkChanged();

        // MarkChanged has just read the clock into AsOf: no second read per report.
        if (_flushing || !_options.PushReports || _deactivating || _state.AsOf - _lastFlush < FlushInterval)
        {
            ScheduleFlush();
            return;
        }

        // Pushing, the flush completes at once; should it not, or fail, the loop takes over from it.
        var flushed = FlushAsync();
        if (!flushed.IsCompletedSuccessfully || !flushed.Result || _dirty)
        {
            _flushing = true;
            _ = FlushLoopAsync(flushed);
        }
    }

    private void MarkChanged()
    {
        Touch();
        _unconfirmed = true;
        _tally = null;
        _dirty = true;
        _pendingSince ??= time.GetUtcNow();
    }

    /// <summary>Returns once every change made before the call is in storage; concurrent callers share writes.</summary>
    private async Task EnsureStoredAsync()
    {
        if (_options.WriteBehind && !_deactivating)
        {
            // The store lives in this process (see the option): the activation's memory is as durable as a write.
            return;
        }

        var target = _changeGeneration;
        while (_writtenGeneration < target)
        {
            if (_writeLoop is null || _writeLoop.IsCompleted)
            {
                _writeLoop = WriteLoopAsync();
            }

            await _writeLoop;
        }
    }

    private async Task WriteLoopAsync()
    {
        while (_writtenGeneration < _changeGeneration)
        {
            var wait = _lastWrite + _options.WriteInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time);
            }

            var generation = _changeGeneration;
            store.State = Snapshot();
            await store.WriteStateAsync();
            _lastWrite = time.GetUtcNow();
            metrics.UnitWrite((int)Math.Min(generation - _writtenGeneration, int.MaxValue));
            _writtenGeneration = generation;
        }
    }

    /// <summary>A copy for the storage provider, so that reports arriving during a write cannot change what it serialises.</summary>
    private UnitState Snapshot() => new()
    {
        Definition = _state.Definition,
        MergedInto = _state.MergedInto,
        Children = _children.ToDictionary(c => c.Key, c => c.Value.ToEntry(), StringComparer.Ordinal),
        Models = new Dictionary<string, ModelEntry>(_state.Models, StringComparer.Ordinal),
        ReportVersion = _state.ReportVersion,
        AsOf = _state.AsOf,
        AttachedTo = _state.AttachedTo,
        DetachFrom = _state.DetachFrom,
    };

    private TimeSpan FlushInterval => _options.FlushIntervalOf(_state.Definition?.Level);

    /// <summary>
    /// Starts the flush loop unless it runs. A loop on the activation's scheduler rather than a grain timer per
    /// flush: at hamlet and commune level nearly every change is flushed on its own (a unit there sees under one
    /// update per interval), and creating and disposing a grain timer each time was a measurable share of the
    /// silo's CPU and of its lock contention. Awaits resume on the activation, so the loop interleaves with
    /// requests exactly like the reentrant timer did. A flag, not the loop's task, says that it runs: a finished task
    /// kept in a field lived until the unit's next change and was promoted like any other survivor.
    /// </summary>
    private void ScheduleFlush()
    {
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushLoopAsync();
        }
    }

    /// <summary>Never throws: <see cref="FlushAsync"/> catches what a report can throw.</summary>
    /// <param name="started">A flush already started in a report's turn (<see cref="ChangedByReport"/>), to finish first.</param>
    private async Task FlushLoopAsync(Task<bool>? started = null)
    {
        try
        {
            if (started is null)
            {
                // Let the turn that made the change finish first, so reports arriving together share one flush.
                await Task.Yield();
            }
            else if (!await started)
            {
                await Task.Delay(_options.RetryDelay, time);
            }

            while (_dirty && !_deactivating)
            {
                var wait = _lastFlush + FlushInterval - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }

                if (!await FlushAsync())
                {
                    await Task.Delay(_options.RetryDelay, time);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>Reports the current tally upward and to subscribers; false when the parent could not be reached.</summary>
    private async Task<bool> FlushAsync()
    {
        _dirty = false;
        _lastFlush = time.GetUtcNow();
        if (_pendingSince is { } since)
        {
            metrics.Flushed(_state.Definition?.Level, _lastFlush - since, _pendingReports);
        }

        _pendingSince = null;
        _pendingReports = 0;
        using var activity = RollupMetrics.Source.StartActivity("dvk.unit.flush");
        activity?.SetTag("dvk.unit", Code);
        try
        {
            var asOf = _state.AsOf;
            var version = ++_state.ReportVersion;
            Touch();
            if (_observers.Count > 0)
            {
                // Most units have no live subscriber; a method of its own keeps the closure out of every other flush.
                NotifySubscribers(new TallyUpdate(Code, version, ReportTally, asOf));
            }

            CountSubscribers();
            if (_state.Definition?.ParentCode is { } parentCode && _state.MergedInto is null)
            {
                // Taken before any await: the report is the state at this version.
                var report = NextReport(parentCode, version);

                // Only this activation's epoch must be in storage before its first report (see OnActivateAsync):
                // a version can then never be sent twice with other content, even after a crash.
                // Every write stores the whole state, epoch included: nothing written yet means the epoch is not stored.
                if (_writtenGeneration == 0)
                {
                    await EnsureStoredAsync();
                }

                _reportsSent++;
                metrics.ReportSent(_state.Definition.Level);
                var parent = units.For(parentCode);
                ReportAck ack;
                if (_options.PushReports)
                {
                    // Taken as applied; the parent answers only when it was not (ReportNotApplied).
                    await report.PushAsync(parent);
                    ack = ReportAck.Stored;
                }
                else
                {
                    ack = await report.SendAsync(parent);
                }

                Confirmed(parentCode, version, report, ack);
                if (ack.Refused && _state.Definition.ParentCode == parentCode)
                {
                    LogRefused(logger, Code, parentCode);
                }
            }

            // The parent stored a report that includes every change so far, unless more arrived meanwhile.
            _unconfirmed = _dirty;
            return true;
        }
        catch (Exception exception)
        {
            LogFlushFailed(logger, exception, Code);
            _dirty = true;
            return false;
        }
    }

    private void NotifySubscribers(TallyUpdate update) => _observers.Notify(o => o.OnTally(update));

    /// <summary>Keeps the live-subscriber gauge in step with this unit's observers (they also expire silently).</summary>
    private void CountSubscribers(bool deactivating = false)
    {
        var count = deactivating ? 0 : _observers.Count;
        metrics.SubscribersChanged(count - _countedSubscribers);
        _countedSubscribers = count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report of unit {Code} to its parent failed; it will be re-sent")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unit {Parent} refused the report of {Code}: not its child")]
    private static partial void LogRefused(ILogger logger, string code, string parent);
}
