namespace DanVanKheo;

/// <summary>A model's current contribution to its owner unit; the unit keeps the newest version only.</summary>
[GenerateSerializer, Immutable, Alias("dvk.ModelReport")]
public sealed record ModelReport(
    [property: Id(0)] string ModelId,
    [property: Id(1)] long Version,
    [property: Id(2)] Contribution Contribution);

/// <summary>A child unit's whole subtree tally; the parent keeps the newest version only.</summary>
[GenerateSerializer, Immutable, Alias("dvk.ChildReport")]
public sealed record ChildReport(
    [property: Id(0)] string Code,
    [property: Id(1)] long Version,
    [property: Id(2)] Tally Tally);

/// <summary>
/// Changes to a child's subtree tally since <see cref="BaseVersion"/>, the version of the child's report the parent
/// confirmed last. The parent applies it only when it still holds exactly that version; otherwise it answers
/// <see cref="ReportAck.NeedsFullReport"/> and the child sends its whole tally.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.ChildDelta")]
public sealed record ChildDelta(
    [property: Id(0)] string Code,
    [property: Id(1)] long BaseVersion,
    [property: Id(2)] long Version,
    [property: Id(3)] TallyDelta Delta);

/// <summary>
/// The receiver's answer once the report is stored (or known stale). <see cref="Refused"/> means the
/// receiver is not the sender's unit any more: a retired unit names the unit it was merged into.
/// <see cref="NeedsFull"/>: a <see cref="ChildDelta"/> was not applied because the receiver holds another base version.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.ReportAck")]
public sealed record ReportAck([property: Id(0)] bool Refused, [property: Id(1)] string? MergedInto, [property: Id(2)] bool NeedsFull = false)
{
    public static readonly ReportAck Stored = new(false, null);

    public static readonly ReportAck NeedsFullReport = new(false, null, true);
}

/// <summary>Counters a unit keeps about the roll-up traffic it receives, for tests and load tests.</summary>
[GenerateSerializer, Immutable, Alias("dvk.RollupStats")]
public sealed record RollupStats(
    [property: Id(0)] long ModelReportsReceived,
    [property: Id(1)] long ChildReportsReceived,
    [property: Id(2)] long ReportsSent,
    [property: Id(3)] DateTimeOffset ActivatedAt,
    [property: Id(4)] long ChildDeltasReceived = 0);

/// <summary>Pushed to live subscribers after a unit's tally changed (at most once per flush interval).</summary>
[GenerateSerializer, Immutable, Alias("dvk.TallyUpdate")]
public sealed record TallyUpdate(
    [property: Id(0)] string Code,
    [property: Id(1)] long Version,
    [property: Id(2)] Tally Tally,
    [property: Id(3)] DateTimeOffset AsOf);
