namespace DanVanKheo.Silo.Live;

/// <summary>The data of one server-sent event: a unit's whole tally (a snapshot, never a delta).</summary>
public sealed record LiveEvent(string Unit, long Version, TallyDocument Tally, Dictionary<string, int> ByYear);
