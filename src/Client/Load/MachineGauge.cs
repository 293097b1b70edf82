using DanVanKheo.Client.Bench;

namespace DanVanKheo.Client.Load;

/// <summary>
/// How fast the machine was when a load test ran: the no-op grain calls per second this client gets from the silo
/// (<see cref="HopBenchmark"/>, chains of one call over a small population, 512 in flight), and how long a read of
/// memory takes, measured just before the units are loaded. Shared and virtual machines change speed by the hour (the
/// same build's whole-country figure has varied by half between hours here), so a report carries the gauge that makes
/// it comparable with others and with the reference figures measured on the machine (docs/performance.md).
/// </summary>
/// <param name="SiloCpuMicrosecondsPerCall">The silo's CPU time per call, when its process id was given.</param>
/// <param name="MemoryLatencyNanoseconds">
/// One read of memory at a place the previous read chose, over <see cref="ChaseBytes"/>: what a cold activation costs.
/// The calls above stay in the CPU's caches, the whole-country run does not (its silo works through a 4 GB heap), and
/// the machine's slow hours may slow one without the other.
/// </param>
public sealed record MachineGauge(double NoOpCallsPerSecond, double? SiloCpuMicrosecondsPerCall, double MemoryLatencyNanoseconds, double Seconds, int Population, int Concurrency)
{
    /// <summary>Small enough that every activation stays in the CPU's caches: the gauge measures calls, not memory.</summary>
    public const int GaugePopulation = 1000;

    /// <summary>Calls in flight, within the 100–1,000 the machine's reference figures were measured with.</summary>
    public const int GaugeConcurrency = 512;

    /// <summary>Far larger than any CPU cache here (the machine's L3 is 32 MB).</summary>
    public const int ChaseBytes = 128 << 20;

    private const int ChaseReads = 4_000_000;

    /// <summary>
    /// Untimed calls first: a silo that has just started still compiles its code with full optimisation for several
    /// seconds (measured here on a fresh silo, 5 s timed: 43,223 calls/s after 3 s of warm-up, 95,291 after 10 s).
    /// </summary>
    public const double DefaultWarmupSeconds = 10;

    public static async Task<MachineGauge> MeasureAsync(IGrainFactory grains, TimeSpan duration, TimeSpan warmup, int? siloPid, CancellationToken cancellationToken)
    {
        var benchmark = new HopBenchmark(grains, GaugePopulation, fanIn: 0, GaugeConcurrency, siloPid);
        await benchmark.PopulateAsync(cancellationToken);
        var result = await benchmark.MeasureAsync(chain: 1, duration, warmup, cancellationToken);
        var latency = MemoryLatency(ChaseBytes / sizeof(int), ChaseReads);
        return new MachineGauge(
            Math.Round(result.ChangesPerSecond),
            result.SiloCpuMicrosPerChange is { } cpu ? Math.Round(cpu, 1) : null,
            Math.Round(latency, 1),
            Math.Round(result.Elapsed.TotalSeconds, 1),
            GaugePopulation,
            GaugeConcurrency);
    }

    /// <summary>Nanoseconds per read when each read's address depends on the one before (no prefetch, no overlap).</summary>
    public static double MemoryLatency(int entries, int reads)
    {
        // One cycle through every entry (Sattolo's shuffle), so the chase never settles into a short loop.
        var next = GC.AllocateUninitializedArray<int>(entries);
        for (var i = 0; i < entries; i++)
        {
            next[i] = i;
        }

        var random = new Random(25);
        for (var i = entries - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (next[i], next[j]) = (next[j], next[i]);
        }

        var at = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var r = 0; r < reads; r++)
        {
            at = next[at];
        }

        var elapsed = clock.Elapsed;
        GC.KeepAlive(at);
        return elapsed.TotalNanoseconds / reads;
    }
}
