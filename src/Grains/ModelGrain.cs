using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace DanVanKheo.Grains;

/// <summary>
/// One model. A change is stored, then reported to the owner unit under the new version; the call
/// returns once the unit has stored the report, so an acknowledged write is counted. A retried call
/// finds nothing to change and only re-sends the report.
/// </summary>
public sealed partial class ModelGrain(
    [FromKeyedServices(StorageNames.Rollup)] IGrainStorage storage,
    IOptions<RollupOptions> options,
    TimeProvider time,
    RollupMetrics metrics,
    UnitReferences units,
    ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    /// <summary>The name model state is stored under (the grain type column of the storage table): never change it.</summary>
    public const string StateName = "model";

    private const int MaxRedirects = 8;

    /// <summary>The longest wait between re-sends of a report no unit has taken yet.</summary>
    private static readonly TimeSpan MaxResendDelay = TimeSpan.FromMinutes(1);

    private readonly bool _writeBehind = options.Value.WriteBehind;
    private GrainStore<ModelState> _store = null!;
    private long _confirmedVersion = -1;
    private bool _unwritten;
    private IGrainTimer? _resend;
    private TimeSpan _resendDelay;

    private string Id => this.GetPrimaryKeyString();

    private ModelRecord? Record => _store.State.Record;

    /// <remarks>The state is read here rather than by Orleans' facet: see <see cref="GrainStore{T}"/>.</remarks>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _store = new GrainStore<ModelState>(storage, StateName, this.GetGrainId(), metrics, logger);
        var read = _store.ReadAsync();
        if (!read.IsCompletedSuccessfully)
        {
            return ActivateAfterAsync(read);
        }

        ResendIfStored();
        return Task.CompletedTask;
    }

    private async Task ActivateAfterAsync(Task read)
    {
        await read;
        ResendIfStored();
    }

    /// <summary>A previous activation may have stored a change and died before its unit confirmed it.</summary>
    private void ResendIfStored()
    {
        if (Record is not null)
        {
            this.RegisterGrainTimer(ResendAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unwritten && options.Value.StoresOnDeactivation(reason))
        {
            await _store.WriteAsync();
            _unwritten = false;
        }
    }

    public Task<ModelRecord?> Get() => Task.FromResult(Record);

    public async Task<ModelRecord?> Resend() => Record is null ? null : await ReportAsync();

    public Task<ModelRecord> Register(ModelInput input)
    {
        input = ValidateInput(input);
        if (Record is { } existing)
        {
            return Build(input, existing).SameFacts(existing)
                ? ConfirmAsync(existing)
                : throw new DvkException("duplicate-model", $"model '{Id}' already exists with other data; update it instead / mô hình đã tồn tại");
        }

        // With write-behind the unit's answer to the report is the check (ReportAsync undoes a refused registration):
        // asking the unit first was a second call to it for every new model.
        return _writeBehind ? StoreAsync(Build(input, null), registering: true) : RequireThenStoreAsync(input.Unit, Build(input, null));
    }

    private async Task<ModelRecord> RequireThenStoreAsync(string unitCode, ModelRecord next)
    {
        await RequireUnitAsync(unitCode);
        return await StoreAsync(next);
    }

    public async Task<ModelRecord> Upsert(ModelInput input)
    {
        input = ValidateInput(input);
        var next = Build(input, Record);
        if (Record is { } existing && next.SameFacts(existing))
        {
            return await ConfirmAsync(existing);
        }

        if (Record?.Unit != input.Unit)
        {
            await RequireUnitAsync(input.Unit);
        }

        return await StoreAsync(next);
    }

    public async Task<ModelRecord> Update(ModelChanges changes)
    {
        var current = RequireActive("update");
        var input = new ModelInput(
            current.Id,
            changes.Unit ?? current.Unit,
            changes.Title ?? current.Title,
            changes.Field ?? current.Field,
            changes.Kind ?? current.Kind,
            changes.Sponsor ?? current.Sponsor,
            changes.Year ?? current.Year,
            changes.Levels ?? current.Levels);
        input = Rules.Validate(input);
        if (current.Evaluations.Length > 0 && current.Evaluations[0].Year < input.Year)
        {
            throw new DvkException("bad-year", $"year {input.Year} is after the model's first evaluation ({current.Evaluations[0].Year})");
        }

        var next = current with
        {
            Unit = input.Unit,
            Title = input.Title,
            Field = input.Field,
            Kind = input.Kind,
            Sponsor = input.Sponsor,
            Year = input.Year,
            Levels = input.Levels,
        };
        if (next.SameFacts(current))
        {
            return await ConfirmAsync(current);
        }

        if (next.Unit != current.Unit)
        {
            await RequireUnitAsync(next.Unit);
        }

        return await StoreAsync(next);
    }

    public Task<ModelRecord> Evaluate(int year, bool effective)
    {
        var current = RequireActive("evaluate");
        Rules.RequireYear(year, "evaluation year");
        if (year < current.Year)
        {
            throw new DvkException("bad-evaluation", $"evaluation year {year} is before the registration year {current.Year} / năm đánh giá trước năm đăng ký");
        }

        return ChangeAsync(current, current with { Evaluations = WithEvaluation(current.Evaluations, new Evaluation(year, effective)) });
    }

    public Task<ModelRecord> SetExemplar(bool exemplar)
    {
        var current = RequireActive("recognise");
        if (!exemplar && current.Commendations != Commendations.None)
        {
            throw new DvkException("bad-transition", $"model '{Id}' has been commended, so it stays an exemplar / mô hình đã được khen thưởng");
        }

        return ChangeAsync(current, current with { ExemplarRecognised = exemplar });
    }

    public Task<ModelRecord> Commend(Commendations level)
    {
        var current = RequireActive("commend");
        if (level == Commendations.None || ((int)level & ~15) != 0)
        {
            throw new DvkException("bad-commended", "commendation level must be commune, district, province or national");
        }

        return ChangeAsync(current, current with { Commendations = current.Commendations | level });
    }

    public Task<ModelRecord> Discontinue()
    {
        var current = Record ?? throw DvkException.NotFound("model", Id);
        return ChangeAsync(current, current with { Status = ModelStatus.Discontinued });
    }

    public Task<ModelRecord> Reactivate()
    {
        var current = Record ?? throw DvkException.NotFound("model", Id);
        return ChangeAsync(current, current with { Status = ModelStatus.Active });
    }

    public async Task<ModelRecord?> MoveFrom(string fromUnitCode, string unitCode) =>
        Record is not { } current ? null
        : current.Unit != Rules.NormalizeUnitCode(fromUnitCode) ? current
        : await MoveAsync(unitCode, followingMerge: true);

    public Task<ModelRecord> MoveTo(string unitCode) => MoveAsync(unitCode, followingMerge: false);

    /// <param name="followingMerge">A merge moves this model to its survivor, which may itself have been merged meanwhile:
    /// then the report follows on to the last survivor (<see cref="ReportAsync"/>) instead of the move being refused.</param>
    private async Task<ModelRecord> MoveAsync(string unitCode, bool followingMerge)
    {
        var current = Record ?? throw DvkException.NotFound("model", Id);
        unitCode = Rules.NormalizeUnitCode(unitCode);
        if (unitCode == current.Unit)
        {
            return await ConfirmAsync(current);
        }

        await RequireUnitAsync(unitCode, followingMerge);
        return await StoreAsync(current with { Unit = unitCode });
    }

    /// <remarks>
    /// The update path is one async method deep (<see cref="ReportAsync"/>): the methods before it only check and
    /// return its task. Inside a grain each async method that waits costs its state machine, a continuation on the
    /// activation's scheduler and a task to run it. Cutting five of them to one, together with the units' answers made
    /// once, took the silo's allocation per update at whole-country scale from about 8.3 to 6.8 KB.
    /// Grain methods may throw before returning a task: Orleans answers the call with the exception either way.
    /// </remarks>
    private Task<ModelRecord> ChangeAsync(ModelRecord current, ModelRecord next) =>
        next.SameFacts(current) ? ConfirmAsync(current) : StoreAsync(next);

    /// <param name="registering">A new model whose unit has not been checked (write-behind only): see <see cref="ReportAsync"/>.</param>
    private Task<ModelRecord> StoreAsync(ModelRecord next, bool registering = false)
    {
        var previous = Record;
        next = next with { Version = (previous?.Version ?? 0) + 1, UpdatedAt = time.GetUtcNow() };
        _store.State.Record = next;
        if (previous is not null && previous.Unit != next.Unit)
        {
            _store.State.PendingRemovalFrom = previous.Unit;
        }

        if (_writeBehind)
        {
            _unwritten = true;
            if (!registering)
            {
                metrics.ModelWritten();
            }

            return ReportAsync(registering);
        }

        return WriteThenReportAsync(previous);
    }

    private async Task<ModelRecord> WriteThenReportAsync(ModelRecord? previous)
    {
        try
        {
            await _store.WriteAsync();
        }
        catch
        {
            // Not stored: forget it, so the activation's memory matches storage.
            _store.State.Record = previous;
            throw;
        }

        metrics.ModelWritten();
        return await ReportAsync();
    }

    /// <summary>Nothing to change: make sure the unit has the current version, as an earlier attempt may have failed after storing.</summary>
    private Task<ModelRecord> ConfirmAsync(ModelRecord current) =>
        _confirmedVersion == current.Version && _store.State.PendingRemovalFrom is null ? Task.FromResult(current) : ReportAsync();

    /// <summary>
    /// Reports the stored record. When that fails the record is stored but counted nowhere (its previous unit may
    /// already have dropped it), and a caller that gives up, or a merge that fails, would leave it so: a timer re-sends
    /// it until a unit takes it.
    /// </summary>
    /// <param name="registering">
    /// The record is a new model's, stored in this activation only (write-behind), and its unit was not asked first. A unit
    /// that does not exist, or was merged, refuses the report: the registration is then undone and refused as the check
    /// would have refused it. A unit still being merged is followed to its survivor, as the check allowed.
    /// </param>
    private async Task<ModelRecord> ReportAsync(bool registering = false)
    {
        try
        {
            for (var attempt = 0; attempt < MaxRedirects; attempt++)
            {
                var record = Record!;
                if (_store.State.PendingRemovalFrom is { } previousUnit)
                {
                    await units.For(previousUnit).ReportModel(new ModelReport(record.Id, record.Version, Contribution.None));
                    _store.State.PendingRemovalFrom = null;
                }

                // The record's id, not the grain key's: the key is decoded into a new string each time it is read.
                var ack = await units.For(record.Unit).ReportModel(new ModelReport(record.Id, record.Version, Contribution.Of(record)));
                if (registering)
                {
                    registering = false;
                    if (ack.Refused && Unusable(record.Unit, await RefusingUnitStatusAsync(record.Unit, ack), followingMerge: false) is { } refusal)
                    {
                        _store.State.Record = null;
                        _unwritten = false;
                        throw refusal;
                    }

                    metrics.ModelWritten();
                }

                if (!ack.Refused)
                {
                    _confirmedVersion = record.Version;
                    _resendDelay = TimeSpan.Zero;
                    return record;
                }

                if (ack.MergedInto is not { } survivor)
                {
                    throw UnknownUnit(record.Unit);
                }

                // The unit was merged while this model pointed at it: follow it.
                _store.State.Record = record with { Unit = survivor, Version = record.Version + 1, UpdatedAt = time.GetUtcNow() };
                _store.State.PendingRemovalFrom = record.Unit;
                await WriteAsync();
            }

            throw new DvkException("merge-loop", $"model '{Id}' was redirected more than {MaxRedirects} times by unit merges");
        }
        catch when (Record is not null)
        {
            if (registering)
            {
                // Kept, though no unit has confirmed it yet: the re-sends below place it.
                metrics.ModelWritten();
            }

            try
            {
                ScheduleResend();
            }
            catch (Exception exception)
            {
                // Should the timer not start (the model deactivating, say), its next activation re-sends (OnActivateAsync);
                // the caller still hears why the report failed, not this.
                LogResendNotScheduled(logger, exception, Id);
            }

            throw;
        }
    }

    private void ScheduleResend()
    {
        _resendDelay = _resendDelay == TimeSpan.Zero
            ? options.Value.RetryDelay
            : TimeSpan.FromTicks(Math.Min(_resendDelay.Ticks * 2, MaxResendDelay.Ticks));
        if (_resend is null)
        {
            // Kept alive: deactivated, the model would wait for its next call to report again.
            _resend = this.RegisterGrainTimer(
                ResendAsync, new GrainTimerCreationOptions(_resendDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _resend.Change(_resendDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Sends the report unless a call has had it confirmed since (<see cref="ConfirmAsync"/>).</summary>
    private async Task ResendAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConfirmAsync(Record!);
        }
        catch (Exception exception)
        {
            LogReportFailed(logger, exception, Id);
        }
    }

    /// <summary>Stores the state, or with write-behind (the store lives in this process, see <see cref="RollupOptions.WriteBehind"/>) leaves it to deactivation.</summary>
    private Task WriteAsync()
    {
        if (_writeBehind)
        {
            _unwritten = true;
            return Task.CompletedTask;
        }

        return _store.WriteAsync();
    }

    /// <summary>What a unit that refused a report is: merged (or being merged) when it named a survivor, else unknown.</summary>
    private async Task<UnitStatus> RefusingUnitStatusAsync(string unitCode, ReportAck refusal) =>
        refusal.MergedInto is null ? UnitStatus.Unknown : await units.For(unitCode).GetStatus();

    private async Task RequireUnitAsync(string unitCode, bool followingMerge = false)
    {
        if (Unusable(unitCode, await units.For(unitCode).GetStatus(), followingMerge) is { } refusal)
        {
            throw refusal;
        }
    }

    private static DvkException UnknownUnit(string unitCode) =>
        new("unknown-unit", $"unit '{unitCode}' does not exist / đơn vị không tồn tại");

    /// <summary>Why a model cannot be placed in the unit, or null when it can.</summary>
    private static DvkException? Unusable(string unitCode, UnitStatus status, bool followingMerge) =>
        !status.Exists ? UnknownUnit(unitCode)
        : status.MergedInto is { } survivor && !followingMerge
            ? new DvkException("retired-unit", $"unit '{unitCode}' was merged into '{survivor}' / đơn vị đã được sáp nhập")
        : null;

    private ModelInput ValidateInput(ModelInput input)
    {
        input = Rules.Validate(input);
        if (input.Id != Id)
        {
            throw new DvkException("bad-model-id", $"input for model '{input.Id}' sent to model '{Id}'");
        }

        return input;
    }

    private ModelRecord RequireActive(string action)
    {
        var current = Record ?? throw DvkException.NotFound("model", Id);
        if (current.Status == ModelStatus.Discontinued)
        {
            throw new DvkException("bad-transition", $"cannot {action} model '{Id}': it is discontinued; reactivate it first / mô hình đã dừng thực hiện");
        }

        return current;
    }

    private ModelRecord Build(ModelInput input, ModelRecord? existing)
    {
        var evaluations = input.Evaluation is { } evaluation
            ? WithEvaluation(existing?.Evaluations ?? [], evaluation)
            : [];
        return new ModelRecord(
            input.Id,
            input.Unit,
            input.Title,
            input.Field,
            input.Kind,
            input.Sponsor,
            input.Year,
            input.Levels,
            evaluations,
            input.Commendations,
            input.Exemplar,
            input.Status,
            existing?.Version ?? 0,
            existing?.UpdatedAt ?? default);
    }

    /// <summary>Sets one year's result; later years are kept, so the latest stays the last element.</summary>
    /// <remarks>A loop, not LINQ: the sort's buffers were a few percent of what a silo allocates per update.</remarks>
    private static Evaluation[] WithEvaluation(Evaluation[] evaluations, Evaluation evaluation)
    {
        var kept = 0;
        foreach (var e in evaluations)
        {
            kept += e.Year != evaluation.Year ? 1 : 0;
        }

        var result = new Evaluation[kept + 1];
        var count = 0;
        foreach (var e in evaluations)
        {
            if (e.Year != evaluation.Year)
            {
                result[count++] = e;
            }
        }

        result[count] = evaluation;

        // Insertion sort by year: a handful of years, and stable like the ordering it replaces.
        for (var i = 1; i < result.Length; i++)
        {
            var item = result[i];
            var j = i - 1;
            for (; j >= 0 && result[j].Year > item.Year; j--)
            {
                result[j + 1] = result[j];
            }

            result[j + 1] = item;
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Id} could not schedule the re-send of its report; its next activation sends it")]
    private static partial void LogResendNotScheduled(ILogger logger, Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting model {Id} to its unit failed; it will be re-sent")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string id);
}
