using System.Diagnostics;
using DanVanKheo.Client.Load;

namespace DanVanKheo.Client.Bench;

/// <summary>One chain length measured: changes carried, grain calls made, and the silo's CPU for each change.</summary>
public sealed record HopResult(int Chain, long Changes, TimeSpan Elapsed, double? SiloCpuMicrosPerChange)
{
    public double ChangesPerSecond => Changes / Elapsed.TotalSeconds;

    public double CallsPerSecond => ChangesPerSecond * Chain;
}

/// <summary>
/// The floor under the roll-up's call pattern (<c>dvk benchmark hops</c>): a population of idle <see cref="IHopGrain"/>
/// activations as large as the load test's, then, for each chain length k, as many changes as the cluster carries when
/// a change is the client's call plus k − 1 grain-to-grain calls and nothing else.
/// </summary>
public sealed class HopBenchmark(IGrainFactory grains, int population, int fanIn, int concurrency, int? siloPid)
{
    /// <summary>Activates every member of the population once; returns how long it took.</summary>
    public async Task<TimeSpan> PopulateAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < population; i = Interlocked.Increment(ref next))
            {
                ct.ThrowIfCancellationRequested();
                await grains.GetGrainFast<IHopGrain>(IHopGrain.Key(i)).Hop(0, population, fanIn);
            }
        }));
        return clock.Elapsed;
    }

    /// <summary>Runs chains of <paramref name="chain"/> grains for <paramref name="duration"/>, after an untimed warm-up.</summary>
    public async Task<HopResult> MeasureAsync(int chain, TimeSpan duration, TimeSpan warmup, CancellationToken ct)
    {
        await RunAsync(chain, warmup, ct);
        var cpuBefore = siloPid is { } pid ? SiloStats.ReadCpuTicks(pid) : null;
        var clock = Stopwatch.StartNew();
        var changes = await RunAsync(chain, duration, ct);
        var elapsed = clock.Elapsed;
        double? cpu = siloPid is { } p && cpuBefore is { } before && SiloStats.ReadCpuTicks(p) is { } after && changes > 0
            ? (after - before) * 10_000.0 / changes // clock ticks of 1/100 s, in µs
            : null;
        return new HopResult(chain, changes, elapsed, cpu);
    }

    private async Task<long> RunAsync(int chain, TimeSpan duration, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long changes = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                ct.ThrowIfCancellationRequested();
                var start = Random.Shared.Next(population);
                var onward = await grains.GetGrainFast<IHopGrain>(IHopGrain.Key(start)).Hop(chain - 1, population, fanIn);
                if (onward != chain - 1)
                {
                    throw new DvkException("hop-mismatch", $"a chain of {chain} grains made {onward + 1} calls");
                }

                Interlocked.Increment(ref changes);
            }
        }));
        return changes;
    }
}
