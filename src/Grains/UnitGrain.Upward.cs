namespace DanVanKheo.Grains;

/// <summary>
/// What a unit sends its parent. Once the parent has confirmed a report, the next ones carry only the counters that
/// changed since (a <see cref="ChildDelta"/> based on the confirmed version), not the whole tally: a flush then
/// allocates a few cells instead of 30 counters for every registration year, and the parent updates its copy in place.
/// Whenever the unit cannot be sure what the parent holds (new activation, failed call, a move, a resync, or the parent
/// answering <see cref="ReportAck.NeedsFull"/>), the next report is the whole tally again, which is always safe.
/// With <see cref="RollupOptions.PushReports"/> a report is pushed one-way and taken as confirmed when sent; the parent
/// answers only one it did not apply (<see cref="ReportNotApplied"/>), and the unit then sends its whole tally. A push
/// that never arrived is caught by the next delta, which is based on it; only a lost last push before a quiet spell would
/// wait for <c>dvk reconcile</c>. Used only where units keep their state in the silo process: messages between its
/// activations are lost only when the process dies, which loses every tally anyway.
/// </summary>
public sealed partial class UnitGrain
{
    /// <summary>The tally of the report the parent confirmed last, kept in place.</summary>
    private readonly TallyBuilder _parentHolds = new();

    /// <summary>The parent that confirmed <see cref="_parentHolds"/>; null when unknown, so that the next report is whole.</summary>
    private string? _parentHoldsFor;

    private long _parentHoldsVersion;

    /// <summary>The version of the last whole tally sent upward; an answer about an older pushed report is moot.</summary>
    private long _lastWholeVersion;

    public Task<ReportAck> ReportChildDelta(ChildDelta report)
    {
        _childDeltasReceived++;
        if (ReceivedFromChild(report.Code) is not { } slot)
        {
            return Task.FromResult(new ReportAck(true, _state.MergedInto));
        }

        if (slot.Version < report.Version)
        {
            if (slot.Version != report.BaseVersion)
            {
                // This unit holds another version of the child than the delta is based on (a lost answer, a re-attach,
                // a restart): applying it would count wrongly, so ask for the whole tally.
                return Task.FromResult(ReportAck.NeedsFullReport);
            }

            slot.Apply(report.Version, report.Delta);
            _sum.Add(report.Delta, 1);
            if (report.Delta.IsEmpty)
            {
                Touch();
            }
            else
            {
                ChangedByReport();
            }
        }

        // Otherwise already applied, or older than a report applied since: nothing to change.
        return Stored(AcknowledgeAsync());
    }

    public async Task PushChild(ChildReport report) => AnswerIfNotApplied(report.Code, report.Version, await ReportChild(report));

    public async Task PushChildDelta(ChildDelta report) => AnswerIfNotApplied(report.Code, report.Version, await ReportChildDelta(report));

    public Task ReportNotApplied(string parentCode, long version, ReportAck answer)
    {
        // A whole tally sent since then (version at or above it) already replaced whatever this answer was about.
        if (_state.Definition?.ParentCode != parentCode || _state.MergedInto is not null || version < _lastWholeVersion)
        {
            return Task.CompletedTask;
        }

        ReportWholeNext();
        if (answer.Refused)
        {
            LogRefused(logger, Code, parentCode);
        }
        else
        {
            _dirty = true;
            _unconfirmed = true;
            ScheduleFlush();
        }

        return Task.CompletedTask;
    }

    private void AnswerIfNotApplied(string child, long version, ReportAck answer)
    {
        if (answer.Refused || answer.NeedsFull)
        {
            // One-way as well: the child's flush did not wait for this, and nothing here waits for the child.
            _ = units.For(child).ReportNotApplied(Code, version, answer);
        }
    }

    /// <summary>Forgets what the parent holds: the next report is the whole tally.</summary>
    private void ReportWholeNext() => _parentHoldsFor = null;

    private UpwardReport NextReport(string parentCode, long version)
    {
        var known = _parentHoldsFor == parentCode;

        // Unknown until the answer: a call that fails may or may not have been applied.
        _parentHoldsFor = null;
        UpwardReport report;
        if (known)
        {
            // _parentHolds was confirmed as the sum of the last report, when the sum last forgot its changes.
            report = new UpwardReport(new ChildDelta(Code, _parentHoldsVersion, version, _sum.ChangesSince(_parentHolds)), null);
        }
        else
        {
            _lastWholeVersion = version;
            report = new UpwardReport(null, new ChildReport(Code, version, ReportTally));
        }

        // What the parent holds once this report is confirmed: changes from here on go into the next one.
        _sum.ForgetChanges();
        return report;
    }

    private void Confirmed(string parentCode, long version, UpwardReport report, ReportAck ack)
    {
        if (ack.Refused)
        {
            return;
        }

        if (ack.NeedsFull)
        {
            // Not applied: flush again, with the whole tally.
            _dirty = true;
            return;
        }

        if (report.Delta is { } delta)
        {
            _parentHolds.Add(delta.Delta, 1);
        }
        else
        {
            _parentHolds.Set(report.Whole!.Tally);
        }

        _parentHoldsFor = parentCode;
        _parentHoldsVersion = version;
    }

    private readonly record struct UpwardReport(ChildDelta? Delta, ChildReport? Whole)
    {
        public Task<ReportAck> SendAsync(IUnitGrain parent) => Delta is { } delta ? parent.ReportChildDelta(delta) : parent.ReportChild(Whole!);

        /// <summary>Sends without waiting for the parent (one-way): the returned task is complete once the message is on its way.</summary>
        public Task PushAsync(IUnitGrain parent) => Delta is { } delta ? parent.PushChildDelta(delta) : parent.PushChild(Whole!);
    }
}
