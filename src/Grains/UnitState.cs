namespace DanVanKheo.Grains;

/// <summary>
/// What a unit stores: its definition, the newest report of each child and each own model. The unit writes a
/// fresh snapshot each time (<see cref="UnitGrain"/>'s <c>Snapshot</c>), hence <see cref="ISnapshotState"/>.
/// </summary>
[GenerateSerializer, Alias("dvk.UnitState")]
public sealed class UnitState : ISnapshotState
{
    [Id(0)] public UnitDefinition? Definition { get; set; }
    [Id(1)] public string? MergedInto { get; set; }
    [Id(2)] public Dictionary<string, ChildEntry> Children { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, ModelEntry> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Version of the newest report this unit has sent (or is about to send) to its parent: the activation's
    /// epoch in the high 32 bits, a sequence in the low ones. Storage may lag the sequence, never the epoch.
    /// </summary>
    [Id(4)] public long ReportVersion { get; set; }
    [Id(5)] public DateTimeOffset AsOf { get; set; }

    /// <summary>The parent that confirmed this unit as its child.</summary>
    [Id(6)] public string? AttachedTo { get; set; }

    /// <summary>
    /// A former parent that has not yet confirmed dropping this unit: a move in progress, or, once the unit is merged,
    /// its parent (until that parent drops it, it would count the retired unit's last report besides the survivor).
    /// </summary>
    [Id(7)] public string? DetachFrom { get; set; }
}

[GenerateSerializer, Immutable, Alias("dvk.ChildEntry")]
public sealed record ChildEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] Level Level,
    [property: Id(2)] long Version,
    [property: Id(3)] Tally Tally);

[GenerateSerializer, Immutable, Alias("dvk.ModelEntry")]
public readonly record struct ModelEntry([property: Id(0)] long Version, [property: Id(1)] Contribution Contribution);
