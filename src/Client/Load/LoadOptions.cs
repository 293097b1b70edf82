namespace DanVanKheo.Client.Load;

/// <summary>The parsed options of <c>dvk loadtest</c>.</summary>
/// <param name="GaugeSeconds">How long to measure the machine's speed first (<see cref="MachineGauge"/>); 0 skips it.</param>
/// <param name="GaugeWarmupSeconds">Untimed calls before the gauge's measurement.</param>
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
    TimeSpan SettleTimeout,
    double GaugeSeconds = 0,
    double GaugeWarmupSeconds = MachineGauge.DefaultWarmupSeconds);
