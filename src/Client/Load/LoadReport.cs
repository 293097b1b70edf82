namespace DanVanKheo.Client.Load;

/// <summary>What <c>dvk loadtest --report FILE.json</c> writes (camelCase keys).</summary>
public sealed record LoadReport
{
    public required string StartedAt { get; init; }
    public required int Provinces { get; init; }
    public required int HamletsPerCommune { get; init; }
    public required int Units { get; init; }
    public required int Models { get; init; }
    public required double UnitsSeconds { get; init; }
    public required double InitialLoadSeconds { get; init; }
    public required double InitialModelsPerSecond { get; init; }
    public required double TargetRate { get; init; }
    public required double DurationSeconds { get; init; }
    public required long Updates { get; init; }
    public required long FailedUpdates { get; init; }
    public required IReadOnlyDictionary<string, long> UpdatesByKind { get; init; }
    public required double UpdatesPerSecond { get; init; }
    public required Percentiles WriteLatencyMs { get; init; }
    public required Percentiles RollupLagMs { get; init; }
    public required double NationalMessagesPerSecond { get; init; }
    public required long NationalPushes { get; init; }
    public required bool Verified { get; init; }
    public required int Mismatches { get; init; }
    public required IReadOnlyList<string> MismatchSamples { get; init; }
    public required double SettleSeconds { get; init; }
    public required SiloFigures Silo { get; init; }
    public required ClientFigures Client { get; init; }
    public required string Machine { get; init; }

    /// <summary>The machine's speed just before the run; null when <c>--gauge-seconds 0</c>.</summary>
    public required MachineGauge? MachineGauge { get; init; }
    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }
}

/// <param name="CpuMicrosecondsPerUpdate">
/// The silo process's CPU time over the update phase divided by the updates acknowledged in it (same machine only): the
/// figure to size a cluster by, since it does not depend on how many cores the machine had or how busy they were.
/// </param>
public sealed record SiloFigures(
    int Silos,
    long Activations,
    double CpuOfAllCoresPercent,
    double? ProcessCpuPercent,
    long PeakMemoryBytes,
    long? ProcessPeakRssBytes,
    double? CpuMicrosecondsPerUpdate);

/// <summary>What driving the load cost the load test's own process over the update phase (100 % = one core).</summary>
public sealed record ClientFigures(double ProcessCpuPercent, double CpuMicrosecondsPerUpdate);

/// <summary>One second of the update phase: writes acknowledged, and the mean and max lag of probes acknowledged in it.</summary>
public sealed record TimelinePoint(int Second, long Updates, double? LagMeanMs, double? LagMaxMs);
