namespace DanVanKheo;

/// <summary>
/// One administrative unit, keyed by its official code (the national root is <c>VN</c>). Official
/// codes have a fixed length per level (2, 3, 5 digits), and a code is refused at a second level, so the
/// bare code is the key and cannot collide across levels.
/// </summary>
[Alias("dvk.IUnitGrain")]
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Creates the unit, or updates its name, type and parent (a move). Idempotent.</summary>
    [Alias("Define")]
    Task<UnitInfo> Define(UnitDefinition definition);

    /// <summary>Null when no such unit has been defined.</summary>
    [Alias("GetInfo")]
    Task<UnitInfo?> GetInfo();

    [Alias("GetStatus")]
    Task<UnitStatus> GetStatus();

    [Alias("GetChildren")]
    Task<ChildSummary[]> GetChildren();

    /// <summary>Moves every child and model to <paramref name="survivorCode"/> and retires this unit.</summary>
    [Alias("MergeInto")]
    Task<UnitInfo> MergeInto(string survivorCode);

    /// <summary>
    /// Asked by unit <paramref name="mergedCode"/> before it merges into this one: refused when this unit is unknown,
    /// retired, at another level than <paramref name="level"/>, or is itself being merged. Two units merging into each
    /// other at once would send children and models round between them; each marks itself merging before it asks, so
    /// at least one of them is refused here before anything moves.
    /// </summary>
    [Alias("AcceptMerge")]
    Task<UnitInfo> AcceptMerge(string mergedCode, Level level);

    /// <remarks>A value task: every model change awaits one, and the proxy then needs no task object for it.</remarks>
    [Alias("ReportModel")]
    ValueTask<ReportAck> ReportModel(ModelReport report);

    [Alias("ReportChild")]
    Task<ReportAck> ReportChild(ChildReport report);

    /// <summary>Applies a child's changes when this unit holds the version they are based on (see <see cref="ChildDelta"/>).</summary>
    [Alias("ReportChildDelta")]
    Task<ReportAck> ReportChildDelta(ChildDelta report);

    /// <summary>
    /// One-way form of <see cref="ReportChild"/>, for silos whose units keep their state in the activation
    /// (<c>Rollup:WriteBehind</c>): the child does not wait for an answer, and the parent answers only a report it did
    /// not apply, with <see cref="ReportNotApplied"/>.
    /// </summary>
    [Alias("PushChild"), Orleans.Concurrency.OneWay]
    Task PushChild(ChildReport report);

    /// <summary>One-way form of <see cref="ReportChildDelta"/>; see <see cref="PushChild"/>.</summary>
    [Alias("PushChildDelta"), Orleans.Concurrency.OneWay]
    Task PushChildDelta(ChildDelta report);

    /// <summary>
    /// The parent's answer to a pushed report of version <paramref name="version"/> that it did not apply: refused, or
    /// based on a version it does not hold (the child then sends its whole tally).
    /// </summary>
    [Alias("ReportNotApplied"), Orleans.Concurrency.OneWay]
    Task ReportNotApplied(string parentCode, long version, ReportAck answer);

    /// <summary>
    /// Makes this unit hold child <paramref name="code"/>. Returns null when it does; when this unit is merged, or is
    /// being merged, the survivor instead: the child must follow it, as the children the merge moves do.
    /// </summary>
    [Alias("AttachChild")]
    Task<string?> AttachChild(string code, string name, Level level);

    /// <summary>
    /// A merge moving its children: moves this unit under <paramref name="survivorCode"/> if its parent is still
    /// <paramref name="mergedCode"/>. A unit a user has moved elsewhere meanwhile stays where the user put it.
    /// </summary>
    [Alias("FollowMerge")]
    Task FollowMerge(string mergedCode, string survivorCode);

    [Alias("DetachChild")]
    Task DetachChild(string code);

    /// <summary>Throws when <paramref name="code"/> is this unit or one of its ancestors (a cycle).</summary>
    [Alias("EnsureNotAncestor")]
    Task EnsureNotAncestor(string code);

    [Alias("Subscribe")]
    Task Subscribe(ITallyObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ITallyObserver observer);

    [Alias("GetStats")]
    Task<RollupStats> GetStats();

    /// <summary>The newest report of each model this unit counts (non-empty contributions), for reconcile.</summary>
    [Alias("GetModelEntries")]
    Task<OwnModel[]> GetModelEntries();

    /// <summary>Recomputes the tally from the stored entries and reports it upward under a new version (reconcile --repair).</summary>
    [Alias("Resync")]
    Task<UnitInfo> Resync();
}

/// <summary>A model as its unit counts it: the version of the last report it stored and its contribution.</summary>
[GenerateSerializer, Immutable, Alias("dvk.OwnModel")]
public sealed record OwnModel([property: Id(0)] string Id, [property: Id(1)] long Version, [property: Id(2)] Contribution Contribution);

/// <summary>Receives a unit's tally after each change; re-subscribe at least every minute.</summary>
[Alias("dvk.ITallyObserver")]
public interface ITallyObserver : IGrainObserver
{
    [Alias("OnTally")]
    void OnTally(TallyUpdate update);
}
