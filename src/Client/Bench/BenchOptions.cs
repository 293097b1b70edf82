namespace DanVanKheo.Client.Bench;

/// <summary>The parsed options of <c>dvk bench</c>.</summary>
public sealed record BenchOptions(
    int Models,
    int Concurrency,
    int SqlConnections,
    double WriteRate,
    int Reads,
    TimeSpan ReadTime,
    TimeSpan WriteTime);
