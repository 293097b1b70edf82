using System.Diagnostics;
using DanVanKheo.Client.Load;
using DanVanKheo.Import;
using HdrHistogram;

namespace DanVanKheo.Client.Bench;

/// <summary>
/// Our tally reads against PostgreSQL computing the same numbers, on the same generated data: reads of
/// the national root, a province, a district and a commune while writes continue, then write throughput.
/// </summary>
public sealed class BenchRunner(IGrainFactory grains, SimulatedCountry country, SqlStore sql, BenchOptions options, ILoadProgress progress)
{
    private static readonly Level[] Levels = [Level.National, Level.Province, Level.District, Level.Commune];

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var samples = Levels.Select(level => level == Level.National ? Rules.NationalCode : country.First(level).Code).ToArray();
        var baseline = await Task.WhenAll(samples.Select(async code => (await grains.GetGrain<IUnitGrain>(code).GetInfo())?.Tally ?? Tally.Empty));

        progress.Phase("Đơn vị / units", country.Units.Length);
        await Population.DefineUnitsAsync(grains, country, options.Concurrency, progress.Advance, cancellationToken);
        var pool = new ModelPool("bm" + Guid.NewGuid().ToString("N")[..6], options.Models);
        progress.Phase("Mô hình / models (Orleans)", options.Models);
        await Population.LoadModelsAsync(grains, country, pool, options.Models, options.Concurrency, progress.Advance, cancellationToken);
        progress.Phase("PostgreSQL: COPY, chỉ mục / indexes, bộ đếm / counters", 1);
        await sql.CreateAsync(cancellationToken);
        await sql.LoadAsync(country, pool, cancellationToken);

        // Both sides must show the same numbers before anything is timed.
        progress.Phase("So khớp / same numbers", Levels.Length);
        var same = true;
        for (var i = 0; i < Levels.Length; i++)
        {
            var expected = await sql.GroupByAsync(Levels[i], samples[i], cancellationToken);
            var counters = (await sql.CountersAsync(samples[i], cancellationToken)).Equals(expected);
            var ours = await WaitForAsync(samples[i], baseline[i], expected, cancellationToken);
            same &= counters && ours;
            progress.Advance(1);
        }

        var reads = new List<LevelReads>();
        var ourReads = await TimeReadsAsync("Orleans", (level, code, ct) => grains.GetGrain<IUnitGrain>(code).GetInfo(), OurWriteAsync, samples, cancellationToken);
        var groupBy = await TimeReadsAsync("SQL GROUP BY", (level, code, ct) => sql.GroupByAsync(level, code, ct), (r, ct) => SqlWriteAsync(pool, false, r, ct), samples, cancellationToken);

        // SQL at its best, the database to itself: the ratio the report leads with compares this with our reads under writes.
        var groupByQuiet = await TimeReadsAsync("SQL GROUP BY, no writes", (level, code, ct) => sql.GroupByAsync(level, code, ct), null, samples, cancellationToken);
        var counted = await TimeReadsAsync("SQL counters", (level, code, ct) => sql.CountersAsync(code, ct), (r, ct) => SqlWriteAsync(pool, true, r, ct), samples, cancellationToken);
        for (var i = 0; i < Levels.Length; i++)
        {
            var models = (await grains.GetGrain<IUnitGrain>(samples[i]).GetInfo())!.Tally.Summarize();
            reads.Add(new LevelReads(Levels[i].Code(), samples[i], models.Total + models.Discontinued, ourReads[i], groupByQuiet[i], groupBy[i], counted[i]));
        }

        progress.Phase("Thông lượng ghi / write throughput", 3);
        var ourWrites = await ThroughputAsync(options.Concurrency, OurWriteAsync, cancellationToken);
        var sqlWrites = await ThroughputAsync(options.SqlConnections, (r, ct) => SqlWriteAsync(pool, false, r, ct), cancellationToken);
        var counterWrites = await ThroughputAsync(options.SqlConnections, (r, ct) => SqlWriteAsync(pool, true, r, ct), cancellationToken);
        progress.Done();

        return new BenchReport
        {
            StartedAt = startedAt.ToString("O"),
            Provinces = country.Provinces,
            Units = country.Units.Length,
            Models = pool.Count,
            SameNumbers = same,
            BackgroundWriteRate = options.WriteRate,
            Reads = reads,
            Speedup = reads.ToDictionary(r => r.Level, r => Ratio(r.SqlGroupByQuiet.P50, r.Ours.P50)),
            SpeedupUnderWrites = reads.ToDictionary(r => r.Level, r => Ratio(r.SqlGroupBy.P50, r.Ours.P50)),
            SpeedupVsCounters = reads.ToDictionary(r => r.Level, r => Ratio(r.SqlCounters.P50, r.Ours.P50)),
            WritesPerSecond = new WriteThroughput(Math.Round(ourWrites), Math.Round(sqlWrites), Math.Round(counterWrites)),
            Machine = MachineInfo.Describe(),
        };

        async Task OurWriteAsync(Random random, CancellationToken ct)
        {
            var (index, year) = PickActive(pool, random);
            await Retry.RunAsync(() => grains.GetGrain<IModelGrain>(pool.Id(index)).Evaluate(year, random.Next(2) == 0), cancellationToken: ct);
        }
    }

    private Task SqlWriteAsync(ModelPool pool, bool counters, Random random, CancellationToken cancellationToken)
    {
        var (index, _) = PickActive(pool, random);
        return sql.EvaluateAsync(counters, pool.Id(index), random.Next(2) == 0, cancellationToken);
    }

    private static (int Index, int Year) PickActive(ModelPool pool, Random random)
    {
        while (true)
        {
            var index = random.Next(pool.Count);
            var truth = pool[index];
            if (!truth.Discontinued)
            {
                return (index, random.Next(truth.Year, ModelMix.LastYear + 1));
            }
        }
    }

    private async Task<bool> WaitForAsync(string code, Tally baseline, Tally expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            var tally = (await grains.GetGrain<IUnitGrain>(code).GetInfo())!.Tally.Subtract(baseline);
            if (tally.Equals(expected))
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>Sequential reads of each sample unit while a background writer keeps the configured rate (none without <paramref name="write"/>).</summary>
    private async Task<Percentiles[]> TimeReadsAsync<T>(
        string system, Func<Level, string, CancellationToken, Task<T>> read, Func<Random, CancellationToken, Task>? write, string[] samples, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = write is null ? Task.CompletedTask : BackgroundWritesAsync(write, stop.Token);
        var results = new Percentiles[Levels.Length];
        for (var i = 0; i < Levels.Length; i++)
        {
            progress.Phase($"Đọc / reads: {system}, {Levels[i].Code()} {samples[i]}", options.Reads);
            for (var n = 0; n < 20; n++)
            {
                await read(Levels[i], samples[i], cancellationToken); // warm caches and connections
            }

            var histogram = Percentiles.NewMicrosHistogram();
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < options.Reads && clock.Elapsed < options.ReadTime; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await read(Levels[i], samples[i], cancellationToken);
                Percentiles.Record(histogram, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                progress.Advance(1);
            }

            results[i] = Percentiles.Of(histogram);
        }

        await stop.CancelAsync();
        await writer;
        return results;
    }

    private async Task BackgroundWritesAsync(Func<Random, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (options.WriteRate <= 0)
        {
            return;
        }

        using var slots = new SemaphoreSlim(64);
        var clock = Stopwatch.StartNew();
        long issued = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * options.WriteRate);
                while (issued < due)
                {
                    await slots.WaitAsync(cancellationToken);
                    issued++;
                    _ = write(Random.Shared, cancellationToken).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
                }

                await Task.Delay(2, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        for (var i = 0; i < 64; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }

    private async Task<double> ThroughputAsync(int concurrency, Func<Random, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < options.WriteTime)
            {
                await write(Random.Shared, cancellationToken);
                Interlocked.Increment(ref done);
            }
        }));
        progress.Advance(1);
        return done / clock.Elapsed.TotalSeconds;
    }

    private static double Ratio(double sql, double ours) => ours <= 0 ? 0 : Math.Round(sql / ours, 1);
}
