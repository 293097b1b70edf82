using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace DanVanKheo.Grains;

/// <summary>
/// An administrative unit: its definition, children and own models, and its live subtree tally.
/// Reentrant so that many reports can share one storage write and one upward report; every state change
/// happens between awaits, so interleaving cannot tear it.
/// </summary>
[Reentrant]
public sealed partial class UnitGrain(
    [PersistentState("unit", StorageNames.Rollup)] IPersistentState<UnitState> store,
    IOptions<RollupOptions> options,
    TimeProvider time,
    RollupMetrics metrics,
    UnitReferences units,
    ILogger<UnitGrain> logger) : Grain, IUnitGrain
{
    private readonly RollupOptions _options = options.Value;
    private readonly TallyBuilder _sum = new();
    private readonly ObserverManager<ITallyObserver> _observers = new(TimeSpan.FromMinutes(2), logger);

    /// <summary>
    /// The children with their latest reports, kept in place (see <see cref="ChildSlot"/>); <see cref="UnitState.Children"/>
    /// is only the stored form, built by each write.
    /// </summary>
    private readonly Dictionary<string, ChildSlot> _children = new(StringComparer.Ordinal);
    private UnitState _state = new();

    /// <summary>The survivor while <see cref="MergeInto"/> runs (not stored: a merge that fails half-way leaves the unit active, to be merged again).</summary>
    private string? _mergingInto;

    /// <summary>True once the merge has checked the survivor and moves children and models out of this unit.</summary>
    private bool _movingOut;

    /// <summary>
    /// Where a new child or model must go instead of this unit: the survivor once merged, or once the merge moves
    /// everything out (one arriving later would stay behind); otherwise null.
    /// </summary>
    private string? Successor => _state.MergedInto ?? (_movingOut ? _mergingInto : null);

    /// <summary>
    /// Changes to where this unit sits (a definition, a merge, finishing a parent change) run one at a time: interleaved at
    /// their awaits, a merge's move of this unit and a user's could each record the other's parent as the one attached.
    /// Taken top-down only (a merging unit, then its children), so two of them never wait for each other.
    /// </summary>
    private readonly SemaphoreSlim _placing = new(1, 1);

    /// <summary>The tally as last read; a flush does not keep the one it sends (see <see cref="ReportTally"/>).</summary>
    private Tally? _tally;

    private string? _code;

    /// <summary>Decoded once: every flush names its sender, and decoding the key each time was a string per report.</summary>
    private string Code => _code ??= this.GetPrimaryKeyString();

    private Tally CurrentTally => _tally ??= _sum.ToTally();

    /// <summary>
    /// The tally for a report: a cached one when a read made it, otherwise a fresh one the unit does not keep. Kept, it
    /// would live until the unit's next change (seconds at a hamlet) and be copied by every young collection meanwhile.
    /// </summary>
    private Tally ReportTally => _tally ?? _sum.ToTally();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = store.State;
        _activatedAt = time.GetUtcNow();
        if (_state.Definition is null && Code == Rules.NationalCode)
        {
            _state.Definition = new UnitDefinition(Rules.NationalCode, "Việt Nam", Level.National, "Quốc gia", null);
        }

        foreach (var (code, child) in _state.Children)
        {
            var slot = ChildSlot.Of(child);
            _children[code] = slot;
            _sum.Add(slot.Tally, 1);
        }

        // The slots hold the children from here on; each write stores a fresh snapshot of them.
        _state.Children = new(StringComparer.Ordinal);
        foreach (var model in _state.Models.Values)
        {
            _sum.Add(model.Contribution, 1);
        }

        if (_state.Definition?.ParentCode is { } parent && (_state.MergedInto is null ? _state.AttachedTo != parent || _state.DetachFrom is not null : _state.DetachFrom is not null))
        {
            this.RegisterGrainTimer(_ => FinishParentChangeAsync(), new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        }

        // Report versions are epoch (high 32 bits, one per activation) and sequence. A new epoch makes every
        // version of this activation newer than any the previous one may have sent, stored or not, so a flush
        // need not store its version before sending it; only the epoch must be stored before the first send.
        _state.ReportVersion = ((_state.ReportVersion >> 32) + 1) << 32;

        // What the parent holds may be older than what was stored after the last report: report again.
        if (_state.Definition?.ParentCode is not null && _state.MergedInto is null)
        {
            Changed();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A report still pending is re-sent by the next activation (the reminder brings it back if needed).
        _deactivating = true;
        CountSubscribers(deactivating: true);
        if (_changeGeneration > _writtenGeneration && _options.StoresOnDeactivation(reason))
        {
            await EnsureStoredAsync();
        }
    }

    public async Task<UnitInfo> Define(UnitDefinition definition)
    {
        definition = Rules.Validate(definition);
        if (definition.Code != Code)
        {
            throw new DvkException("bad-unit-code", $"definition for '{definition.Code}' sent to unit '{Code}'");
        }

        return await PlacingAsync(() => DefineAsync(definition));
    }

    /// <param name="followingMerge">A merge moves this unit to its survivor, which may itself have been merged meanwhile: then the
    /// unit follows on (<see cref="AttachFollowingMergesAsync"/>) instead of being refused.</param>
    private async Task<UnitInfo> DefineAsync(UnitDefinition definition, bool followingMerge = false)
    {
        ThrowIfRetired();
        var current = _state.Definition;
        if (current is not null && current.Level != definition.Level)
        {
            throw new DvkException(
                "duplicate-code",
                $"code '{Code}' already belongs to {current.Level.Code()} '{current.Name}'; it cannot also be a {definition.Level.Code()} / mã đã được dùng ở cấp khác");
        }

        if (definition.Level == Level.National)
        {
            return Info();
        }

        if (current is not null && current != definition && (_state.AttachedTo != current.ParentCode || _state.DetachFrom is not null))
        {
            // A move that failed part-way is finished first: there is one pending detach to record, not two. Finishing it
            // may itself follow a merge, so the definition is read again.
            await CompleteParentChangeAsync();
            current = _state.Definition;
        }

        if (current != definition)
        {
            await ValidateParentAsync(definition, moving: current is not null && current.ParentCode != definition.ParentCode, followingMerge);
            var (attachedBefore, detachBefore) = (_state.AttachedTo, _state.DetachFrom);
            if (_state.AttachedTo is { } attached && attached != definition.ParentCode)
            {
                _state.DetachFrom = attached;
            }

            _state.Definition = definition;
            _state.AttachedTo = current?.Name == definition.Name && current.ParentCode == definition.ParentCode ? _state.AttachedTo : null;
            Touch();
            await EnsureStoredAsync();
            try
            {
                await CompleteParentChangeAsync();
            }
            catch (DvkException)
            {
                // Refused, not failed (a failure is finished by a retry): the unit stays as and where it was.
                (_state.Definition, _state.AttachedTo, _state.DetachFrom) = (current, attachedBefore, detachBefore);
                Touch();
                await EnsureStoredAsync();
                throw;
            }

            return Info();
        }

        await CompleteParentChangeAsync();
        return Info();
    }

    private async Task ValidateParentAsync(UnitDefinition definition, bool moving, bool followingMerge)
    {
        var parentCode = definition.ParentCode!;
        var parent = GrainFactory.GetGrain<IUnitGrain>(parentCode);
        var parentInfo = await parent.GetInfo() ?? throw new DvkException(
            "unknown-parent", $"parent unit '{parentCode}' of '{Code}' does not exist / đơn vị cấp trên không tồn tại");
        if (parentInfo.IsRetired && !followingMerge)
        {
            throw new DvkException("retired-parent", $"parent unit '{parentCode}' was merged into '{parentInfo.MergedInto}'");
        }

        if (parentInfo.Definition.Level >= definition.Level)
        {
            throw new DvkException(
                "bad-parent-level",
                $"parent '{parentCode}' is a {parentInfo.Definition.Level.Code()}; a {definition.Level.Code()} needs a parent at a higher level / cấp trên phải ở cấp cao hơn");
        }

        if (moving)
        {
            await parent.EnsureNotAncestor(Code);
        }
    }

    /// <summary>
    /// Makes the parent named in the definition hold this unit and a former parent drop it. Each step is
    /// recorded, so a failure part-way is finished by a retried call or the next activation, and the
    /// unit is never counted under two parents for longer than that.
    /// </summary>
    private async Task CompleteParentChangeAsync()
    {
        var definition = _state.Definition!;
        var parentCode = definition.ParentCode!;
        var moved = false;
        if (_state.AttachedTo != parentCode)
        {
            parentCode = await AttachFollowingMergesAsync(definition);
            if (parentCode != definition.ParentCode)
            {
                // The parent named was merged, or was being merged, into parentCode: this unit follows it, like the
                // children the merge moved itself. Recorded after the attachment: a crash between the two attaches again.
                _state.Definition = definition = definition with { ParentCode = parentCode };
            }

            _state.AttachedTo = parentCode;
            moved = true;
            Touch();
        }

        if (_state.DetachFrom is { } former)
        {
            if (former != parentCode)
            {
                await GrainFactory.GetGrain<IUnitGrain>(former).DetachChild(Code);
            }

            _state.DetachFrom = null;
            Touch();
        }

        if (moved)
        {
            // The new parent holds no tally of this unit yet: report the whole tally, under a new version, at once.
            ReportWholeNext();
            if (!_sum.IsEmpty)
            {
                _state.ReportVersion++;
                Changed();
            }
        }

        await EnsureStoredAsync();
    }

    /// <summary>Finishes a parent change or a merge that an earlier activation recorded but did not complete.</summary>
    private Task FinishParentChangeAsync() => PlacingAsync(async () =>
    {
        if (_state.MergedInto is not null)
        {
            await FinishRetirementAsync();
        }
        else if (_state.AttachedTo != _state.Definition!.ParentCode || _state.DetachFrom is not null)
        {
            await CompleteParentChangeAsync();
        }

        return true;
    });

    /// <summary>Runs <paramref name="change"/> when no other change to where this unit sits is running (see <see cref="_placing"/>).</summary>
    private async Task<T> PlacingAsync<T>(Func<Task<T>> change)
    {
        await _placing.WaitAsync();
        try
        {
            return await change();
        }
        finally
        {
            _placing.Release();
        }
    }

    /// <summary>Attaches this unit to the parent in <paramref name="definition"/>, or to the unit that parent was merged into; returns which.</summary>
    private async Task<string> AttachFollowingMergesAsync(UnitDefinition definition)
    {
        var tried = new List<string>();
        for (var parentCode = definition.ParentCode!; ;)
        {
            tried.Add(parentCode);
            var survivor = await GrainFactory.GetGrain<IUnitGrain>(parentCode).AttachChild(Code, definition.Name, definition.Level);
            if (survivor is null)
            {
                return parentCode;
            }

            if (tried.Contains(survivor))
            {
                // Only two units being merged into each other at once send a child round in a circle: it stays where it was.
                throw new DvkException(
                    "merge-cycle",
                    $"units {string.Join(", ", tried.Select(t => $"'{t}'"))} are being merged into each other; '{Code}' cannot be placed under them until one merge ends / các đơn vị đang sáp nhập vào nhau");
            }

            parentCode = survivor;
        }
    }

    public Task<UnitInfo?> GetInfo() => Task.FromResult(_state.Definition is null ? null : Info());

    public Task<UnitStatus> GetStatus() => Task.FromResult(
        _state.Definition is null ? UnitStatus.Unknown
        : _state.MergedInto is { } survivor ? new UnitStatus(true, survivor)
        : UnitStatus.Active);

    public Task<ChildSummary[]> GetChildren() => Task.FromResult(
        _children
            .Select(c => new ChildSummary(c.Key, c.Value.Name, c.Value.Level, c.Value.Tally.ToTally()))
            .OrderBy(c => c.Code, StringComparer.Ordinal)
            .ToArray());

    public async Task EnsureNotAncestor(string code)
    {
        if (code == Code)
        {
            throw new DvkException("cyclic-parent", $"unit '{code}' cannot move under its own descendant / không thể chuyển đơn vị vào cấp dưới của chính nó");
        }

        if (_state.Definition?.ParentCode is { } parentCode)
        {
            await GrainFactory.GetGrain<IUnitGrain>(parentCode).EnsureNotAncestor(code);
        }
    }

    public async Task<UnitInfo> MergeInto(string survivorCode)
    {
        survivorCode = Rules.NormalizeUnitCode(survivorCode);
        var definition = _state.Definition ?? throw DvkException.NotFound("unit", Code);
        if (_state.MergedInto == survivorCode)
        {
            // A retried merge: finishes its last step if that failed (the parent dropping this unit), else it is done.
            return await PlacingAsync(async () =>
            {
                await FinishRetirementAsync();
                return Info();
            });
        }

        ThrowIfRetired();
        if (survivorCode == Code)
        {
            throw new DvkException("bad-merge", $"unit '{Code}' cannot be merged into itself");
        }

        // Set before the first await, so that a second merge arriving meanwhile is refused.
        ThrowIfMerging();
        _mergingInto = survivorCode;
        await _placing.WaitAsync();
        try
        {
            ThrowIfRetired();
            definition = _state.Definition!;
            if (definition.ParentCode is not null && (_state.AttachedTo != definition.ParentCode || _state.DetachFrom is not null))
            {
                // A move of this unit that failed part-way is finished first: the merge then has one parent to leave.
                await CompleteParentChangeAsync();
            }

            await GrainFactory.GetGrain<IUnitGrain>(survivorCode).AcceptMerge(Code, definition.Level);

            // From here a model report that would add to this unit is refused with the survivor, and a new child is sent
            // to it (both follow it): otherwise one applied after the snapshot below would stay behind in a retired unit.
            _movingOut = true;
            foreach (var childCode in _children.Keys.ToArray())
            {
                await GrainFactory.GetGrain<IUnitGrain>(childCode).FollowMerge(Code, survivorCode);
            }

            foreach (var modelId in _state.Models.Where(m => m.Value.Contribution.Mask != 0).Select(m => m.Key).ToArray())
            {
                // Only if still here: a model a user moved elsewhere since the snapshot stays where the user put it.
                await GrainFactory.GetGrain<IModelGrain>(modelId).MoveFrom(Code, survivorCode);
            }

            // Recorded with the retirement, so that a failed detach is finished by a retried merge or the next activation.
            _state.MergedInto = survivorCode;
            _state.DetachFrom = _state.Definition!.ParentCode;
            Touch();
            await EnsureStoredAsync();
            await FinishRetirementAsync();
        }
        finally
        {
            (_mergingInto, _movingOut) = (null, false);
            _placing.Release();
        }

        LogMerged(logger, Code, survivorCode);
        return Info();
    }

    public Task<UnitInfo> AcceptMerge(string mergedCode, Level level)
    {
        var definition = _state.Definition ?? throw DvkException.NotFound("unit", Code);
        if (_state.MergedInto is not null || definition.Level != level)
        {
            throw new DvkException("bad-merge", $"unit '{mergedCode}' can only merge into an active unit of the same level ({level.Code()})");
        }

        if (_mergingInto is { } target)
        {
            throw new DvkException(
                "merging-unit",
                $"unit '{Code}' is itself being merged into '{target}'; merge '{mergedCode}' into '{target}' once that merge ends / đơn vị '{Code}' đang được sáp nhập vào '{target}'");
        }

        return Task.FromResult(Info());
    }

    /// <summary>The parent drops this merged unit; until it confirms, <see cref="UnitState.DetachFrom"/> keeps the step to do.</summary>
    private async Task FinishRetirementAsync()
    {
        if (_state.DetachFrom is { } parentCode)
        {
            await GrainFactory.GetGrain<IUnitGrain>(parentCode).DetachChild(Code);
            _state.DetachFrom = null;
            Touch();
            await EnsureStoredAsync();
        }
    }

    public async Task<string?> AttachChild(string code, string name, Level level)
    {
        // One arriving before the merge's snapshot (while it checks the survivor) is attached here, so the merge moves it.
        if (Successor is { } successor)
        {
            return successor;
        }

        if (_children.TryGetValue(code, out var existing))
        {
            existing.Rename(name, level);
        }
        else
        {
            _children[code] = new ChildSlot(name, level, 0, new TallyBuilder());
        }

        Touch();
        await EnsureStoredAsync();
        return null;
    }

    public Task FollowMerge(string mergedCode, string survivorCode) => PlacingAsync(async () =>
    {
        if (_state.Definition is { } definition && definition.ParentCode == mergedCode && _state.MergedInto is null)
        {
            await DefineAsync(definition with { ParentCode = survivorCode }, followingMerge: true);
        }

        return true;
    });

    public async Task DetachChild(string code)
    {
        if (_children.Remove(code, out var entry))
        {
            _sum.Add(entry.Tally, -1);
            Changed();
        }

        await AcknowledgeAsync();
    }

    public Task Subscribe(ITallyObserver observer)
    {
        _observers.Subscribe(observer, observer);
        CountSubscribers();
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ITallyObserver observer)
    {
        _observers.Unsubscribe(observer);
        CountSubscribers();
        return Task.CompletedTask;
    }

    private UnitInfo Info() => new(
        _state.Definition!,
        CurrentTally,
        _state.AsOf,
        _children.Count,
        _state.Models.Count(m => m.Value.Contribution.Mask != 0),
        _state.MergedInto,
        _state.ReportVersion);

    private void ThrowIfRetired()
    {
        if (_state.MergedInto is { } survivor)
        {
            throw new DvkException("retired-unit", $"unit '{Code}' was merged into '{survivor}' / đơn vị đã được sáp nhập vào '{survivor}'");
        }
    }

    /// <summary>A second merge begun while a merge moves everything out would move it twice.</summary>
    private void ThrowIfMerging()
    {
        if (_mergingInto is { } target)
        {
            throw new DvkException("merging-unit", $"unit '{Code}' is being merged into '{target}'; use '{target}' instead / đơn vị đang được sáp nhập vào '{target}'");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit {Code} merged into {Survivor}")]
    private static partial void LogMerged(ILogger logger, string code, string survivor);
}
