namespace DanVanKheo.Silo.Live;

/// <summary>The data of one server-sent event: a unit's whole tally (a snapshot, never a delta).</summary>
public sealed record LiveEvent(string Unit, long Version, TallyDocument Tally, Dictionary<string, int> ByYear)
{
    /// <summary>
    /// A higher version is newer (see <see cref="UnitInfo.Version"/>), whatever the clocks say; at the same version, a
    /// later read of the same activation, stamped by the same clock, is newer.
    /// </summary>
    public bool IsNewerThan(LiveEvent other) =>
        Version > other.Version || (Version == other.Version && Tally.AsOf > other.Tally.AsOf);
}
