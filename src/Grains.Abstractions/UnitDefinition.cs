namespace DanVanKheo;

/// <summary>
/// What defines an administrative unit. <see cref="ParentCode"/> null or empty means directly under
/// the national root <c>VN</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.UnitDefinition")]
public sealed record UnitDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] Level Level,
    [property: Id(3)] string Type,
    [property: Id(4)] string? ParentCode);

/// <summary>
/// Whether a unit exists and, if retired, which unit it was merged into: what a model checks before it points at a unit.
/// Much cheaper than <see cref="UnitInfo"/>, which carries the whole tally.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.UnitStatus")]
public sealed record UnitStatus([property: Id(0)] bool Exists, [property: Id(1)] string? MergedInto)
{
    public static readonly UnitStatus Unknown = new(false, null);

    public static readonly UnitStatus Active = new(true, null);
}

/// <summary>
/// A unit as its grain knows it, with its live subtree tally. <see cref="Version"/> is the version of the unit's newest
/// live update (<see cref="TallyUpdate.Version"/>) at the time of reading: this snapshot includes everything that update
/// and every older one carried, so a watcher shows only updates with a higher version. Versions, unlike
/// <see cref="AsOf"/>, come from one counter per unit and do not depend on which silo's clock stamped them.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.UnitInfo")]
public sealed record UnitInfo(
    [property: Id(0)] UnitDefinition Definition,
    [property: Id(1)] Tally Tally,
    [property: Id(2)] DateTimeOffset AsOf,
    [property: Id(3)] int ChildCount,
    [property: Id(4)] int OwnModelCount,
    [property: Id(5)] string? MergedInto,
    [property: Id(6)] long Version = 0)
{
    public string Code => Definition.Code;

    public bool IsRetired => MergedInto is not null;
}

/// <summary>A child unit as its parent last heard of it.</summary>
[GenerateSerializer, Immutable, Alias("dvk.ChildSummary")]
public sealed record ChildSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] Level Level,
    [property: Id(3)] Tally Tally);
