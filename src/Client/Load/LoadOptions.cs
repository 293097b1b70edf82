namespace DanVanKheo.Client.Load;

/// <summary>The parsed options of <c>dvk loadtest</c>.</summary>
public sealed record LoadOptions(
    string UnitsFile,
    int? Provinces,
    int HamletsPerCommune,
    int Models,
    double Rate,
    TimeSpan Duration,
    int Concurrency,
    double ProbesPerSecond,
    int? SiloPid,
    TimeSpan SettleTimeout);
