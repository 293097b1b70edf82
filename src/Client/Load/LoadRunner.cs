using System.Collections.Concurrent;
using System.Diagnostics;
using DanVanKheo.Import;
using HdrHistogram;

namespace DanVanKheo.Client.Load;

/// <summary>
/// The load test's phases: units, initial models, mixed updates at a fixed rate, then the check of every
/// tally against the truth. Progress goes to <see cref="ILoadProgress"/>; the result is a <see cref="LoadReport"/>.
/// </summary>
public sealed class LoadRunner(IGrainFactory grains, SimulatedCountry country, LoadOptions options, ILoadProgress progress)
{
    private readonly LongConcurrentHistogram _writeLatency = Percentiles.NewMicrosHistogram();
    private readonly ConcurrentDictionary<UpdateKind, long> _byKind = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _updates;
    private long _failed;
    private long[] _perSecond = [];
    private ModelPool _pool = null!;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        MachineGauge? gauge = null;
        if (options.GaugeSeconds > 0)
        {
            // First, while the silo holds nothing of this run: the gauge measures the machine, not the run's heap.
            progress.Phase("Đo tốc độ máy / machine gauge", 1);
            gauge = await MachineGauge.MeasureAsync(
                grains, TimeSpan.FromSeconds(options.GaugeSeconds), TimeSpan.FromSeconds(options.GaugeWarmupSeconds), options.SiloPid, cancellationToken);
            progress.Advance(1);
        }

        var units = country.Units;
        var clock = Stopwatch.StartNew();
        progress.Phase("Đơn vị / units", units.Length);
        var rows = units.Select((u, i) => new Import.Csv.CsvRow<UnitDefinition>(i + 1, u, null)).ToList();
        var unitReport = await UnitImporter.ImportAsync(grains, rows, progress.Advance, options.Concurrency, cancellationToken);
        if (!unitReport.AllStored)
        {
            throw new DvkException("units-refused", $"{unitReport.Rejected.Count} units were refused, first: line {unitReport.Rejected[0].Line}: {unitReport.Rejected[0].Error}");
        }

        var unitsSeconds = clock.Elapsed.TotalSeconds;

        // What the units held before this run (earlier runs on the same silo), so the truth can be added to it.
        progress.Phase("Đọc số liệu ban đầu / baseline", units.Length);
        var national = grains.GetGrain<IUnitGrain>(Rules.NationalCode);
        await WaitQuietAsync(national, cancellationToken);
        var baseline = await Oracle.ReadAllAsync(grains, country, options.Concurrency, progress.Advance, cancellationToken);
        var nationalBaseline = (await national.GetInfo())!.Tally;

        var runId = "lt" + Guid.NewGuid().ToString("N")[..6];
        var capacity = options.Models + (int)(options.Rate * options.Duration.TotalSeconds * 0.3) + (int)(options.ProbesPerSecond * options.Duration.TotalSeconds * 1.5) + 1024;
        _pool = new ModelPool(runId, capacity);

        clock.Restart();
        progress.Phase("Mô hình ban đầu / initial models", options.Models);
        await LoadModelsAsync(cancellationToken);
        var loadSeconds = clock.Elapsed.TotalSeconds;

        // Updates, watched through the national unit's live subscription.
        var probes = new LagProbes(nationalBaseline);
        var observer = grains.CreateObjectReference<ITallyObserver>(probes);
        await national.Subscribe(observer);
        var stats = new SiloStats(grains, options.SiloPid);
        await stats.SampleAsync();
        stats.Start();
        var clientCpu = ClientCpu.Start();
        var before = await national.GetStats();
        clock.Restart();
        progress.Phase("Cập nhật / updates", (long)Math.Max(1, options.Rate * options.Duration.TotalSeconds));
        _perSecond = new long[(int)Math.Ceiling(options.Duration.TotalSeconds) + 120];
        var initialUpdates = _updates;
        var updates = RunUpdatesAsync(clock, cancellationToken);
        var probing = RunProbesAsync(probes, clock, cancellationToken);
        var watching = WatchAsync(national, observer, probes, stats, clock, updates, cancellationToken);
        await updates;
        await probing;
        var updateSeconds = clock.Elapsed.TotalSeconds;
        var after = await national.GetStats();
        await watching;
        stats.Stop();
        var client = clientCpu.Stop();
        await stats.SampleAsync();

        // Everything acknowledged must reach the national tally; then every unit is checked.
        clock.Restart();
        var expected = Oracle.Expected(country, baseline, _pool.Truth, nationalBaseline, out var expectedNational);
        progress.Phase("Chờ tổng hợp / settling", 1);
        var settled = await SettleAsync(national, expectedNational, probes, cancellationToken);
        var settleSeconds = clock.Elapsed.TotalSeconds;
        await national.Unsubscribe(observer);
        grains.DeleteObjectReference<ITallyObserver>(observer);
        progress.Phase("Kiểm tra / verifying", units.Length);
        var actual = await Oracle.ReadAllAsync(grains, country, options.Concurrency, progress.Advance, cancellationToken);
        var mismatches = new List<string>();
        if (!settled)
        {
            mismatches.Add($"VN: {Describe(expectedNational, (await national.GetInfo())!.Tally)}");
        }

        for (var i = 0; i < units.Length; i++)
        {
            if (!actual[i].Equals(expected[i]))
            {
                mismatches.Add($"{units[i].Code}: {Describe(expected[i], actual[i])}");
            }
        }

        progress.Done();
        var lags = probes.Lags();
        var nationalMessages = after.ModelReportsReceived + after.ChildReportsReceived - before.ModelReportsReceived - before.ChildReportsReceived;
        var updated = Math.Max(1, _updates - initialUpdates);
        return new LoadReport
        {
            StartedAt = startedAt.ToString("O"),
            Provinces = country.Provinces,
            HamletsPerCommune = options.HamletsPerCommune,
            Units = units.Length,
            Models = _pool.Count,
            UnitsSeconds = Math.Round(unitsSeconds, 1),
            InitialLoadSeconds = Math.Round(loadSeconds, 1),
            InitialModelsPerSecond = Math.Round(options.Models / Math.Max(loadSeconds, 0.001)),
            TargetRate = options.Rate,
            DurationSeconds = Math.Round(updateSeconds, 1),
            Updates = _updates - initialUpdates,
            FailedUpdates = _failed,
            UpdatesByKind = _byKind.ToDictionary(k => k.Key.ToString().ToLowerInvariant(), k => k.Value),
            UpdatesPerSecond = Math.Round((_updates - initialUpdates) / Math.Max(updateSeconds, 0.001)),
            WriteLatencyMs = Percentiles.Of(_writeLatency),
            RollupLagMs = Percentiles.Of(lags.Select(l => l.LagMs)),
            NationalMessagesPerSecond = Math.Round(nationalMessages / Math.Max(updateSeconds, 0.001), 1),
            NationalPushes = probes.Pushes,
            Verified = mismatches.Count == 0 && _failed == 0,
            Mismatches = mismatches.Count,
            MismatchSamples = [.. mismatches.Take(10), .. _failures.Take(10)],
            SettleSeconds = Math.Round(settleSeconds, 2),
            Silo = new SiloFigures(
                stats.Silos,
                stats.Activations,
                Math.Round(stats.CpuOfAllCoresPercent, 1),
                stats.ProcessCpuPercent is { } p ? Math.Round(p, 1) : null,
                stats.PeakMemoryBytes,
                stats.ProcessPeakRssBytes,
                stats.ProcessCpuSeconds is { } cpu ? Math.Round(cpu * 1e6 / updated, 1) : null),
            Client = new ClientFigures(Math.Round(client.Seconds / client.Elapsed * 100, 1), Math.Round(client.Seconds * 1e6 / updated, 1)),
            Machine = MachineInfo.Describe(),
            MachineGauge = gauge,
            Timeline = Timeline(lags, updateSeconds),
        };
    }

    private async Task LoadModelsAsync(CancellationToken cancellationToken)
    {
        var leaves = country.ModelUnits;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.Models),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (n, _) =>
            {
                var random = Random.Shared;
                var index = _pool.Add(ModelMix.New(random, leaves[random.Next(leaves.Length)], history: true));
                await RegisterAsync(index, initial: true);
                progress.Advance(1);
            });
    }

    private async Task RegisterAsync(int index, bool initial)
    {
        var truth = _pool[index];
        var id = _pool.Id(index);
        var input = ModelMix.Input(id, country.Units[truth.Unit].Code, truth, index);
        if (await WriteAsync(UpdateKind.Register, () => grains.GetGrainFast<IModelGrain>(id).Register(input), record: !initial))
        {
            _pool.Release(index);
        }
        else
        {
            _pool.Forget(index);
        }
    }

    /// <summary>Open loop at the target rate, at most <see cref="LoadOptions.Concurrency"/> writes in flight.</summary>
    private async Task RunUpdatesAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(options.Concurrency);
        var issued = 0L;
        while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * options.Rate);
            while (issued < due && clock.Elapsed < options.Duration)
            {
                await slots.WaitAsync(cancellationToken);
                issued++;
                _ = UpdateAsync().ContinueWith(_ => slots.Release(), TaskScheduler.Default);
            }

            await Task.Delay(1, cancellationToken);
        }

        for (var i = 0; i < options.Concurrency; i++)
        {
            await slots.WaitAsync(cancellationToken);
        }
    }

    private async Task UpdateAsync()
    {
        var random = Random.Shared;
        var kind = UpdateMix.Pick(random);
        if (kind == UpdateKind.Register)
        {
            var leaves = country.ModelUnits;
            var index = _pool.Add(ModelMix.New(random, leaves[random.Next(leaves.Length)], history: false));
            if (index >= 0)
            {
                await RegisterAsync(index, initial: false);
                return;
            }

            kind = UpdateKind.Evaluate;
        }

        var model = _pool.TakeRandom(random);
        if (model < 0)
        {
            return;
        }

        var id = _pool.Id(model);
        var grain = grains.GetGrainFast<IModelGrain>(id);
        var truth = _pool[model];
        bool ok;
        switch (kind)
        {
            case UpdateKind.Evaluate:
                var year = random.Next(truth.Year, ModelMix.LastYear + 1);
                var effective = random.Next(100) < 75;
                ok = await WriteAsync(kind, () => grain.Evaluate(year, effective));
                if (ok)
                {
                    _pool[model].Evaluate(year, effective);
                }

                break;
            case UpdateKind.Commend:
                var level = ModelMix.CommendationLevel(random);
                ok = await WriteAsync(kind, () => grain.Commend(level));
                if (ok)
                {
                    _pool[model].Commendations |= level;
                }

                break;
            default:
                ok = await WriteAsync(kind, () => grain.Discontinue());
                if (ok)
                {
                    _pool[model].Discontinued = true;
                }

                break;
        }

        if (ok)
        {
            _pool.Release(model);
        }
        else
        {
            _pool.Forget(model);
        }
    }

    private async Task<bool> WriteAsync(UpdateKind kind, Func<Task<ModelRecord>> call, bool record = true)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Retry.RunAsync(call, attempts: 6);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Interlocked.Increment(ref _failed);
            if (_failures.Count < 10)
            {
                _failures.Enqueue($"{kind}: {exception.GetType().Name}: {exception.Message}");
            }

            return false;
        }

        if (record)
        {
            Percentiles.Record(_writeLatency, Stopwatch.GetElapsedTime(started).TotalMicroseconds);
            _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
            var second = (int)(Stopwatch.GetElapsedTime(_phaseStart).TotalSeconds);
            if (second < _perSecond.Length)
            {
                Interlocked.Increment(ref _perSecond[second]);
            }

            Interlocked.Increment(ref _updates);
            progress.Advance(1);
        }

        return true;
    }

    private long _phaseStart = Stopwatch.GetTimestamp();

    /// <summary>Probe registrations at a steady pace beside the updates (they are updates too).</summary>
    private async Task RunProbesAsync(LagProbes probes, Stopwatch clock, CancellationToken cancellationToken)
    {
        _phaseStart = Stopwatch.GetTimestamp();
        if (options.ProbesPerSecond <= 0)
        {
            return;
        }

        var leaves = country.ModelUnits;
        var interval = TimeSpan.FromSeconds(1 / options.ProbesPerSecond);
        var pending = new List<Task>();
        for (var n = 0; clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested; n++)
        {
            var index = _pool.Add(ModelMix.Probe(leaves[Random.Shared.Next(leaves.Length)]));
            if (index < 0)
            {
                break;
            }

            pending.Add(ProbeAsync(index, probes));
            var next = interval * (n + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancellationToken);
            }
        }

        await Task.WhenAll(pending);
    }

    private async Task ProbeAsync(int index, LagProbes probes)
    {
        var truth = _pool[index];
        var id = _pool.Id(index);
        var input = ModelMix.Input(id, country.Units[truth.Unit].Code, truth, index);
        if (await WriteAsync(UpdateKind.Register, () => grains.GetGrainFast<IModelGrain>(id).Register(input)))
        {
            probes.Acknowledged(Stopwatch.GetTimestamp());
        }

        // Probes are never updated, so the probe count at the national unit only grows.
        _pool.Forget(index);
    }

    /// <summary>Samples silo statistics, renews the subscription, and shows the live rate and lag.</summary>
    private async Task WatchAsync(IUnitGrain national, ITallyObserver observer, LagProbes probes, SiloStats stats, Stopwatch clock, Task updates, CancellationToken cancellationToken)
    {
        var lastRenew = clock.Elapsed;
        var lastUpdates = _updates;
        var lastAt = clock.Elapsed;
        while (!updates.IsCompleted)
        {
            await Task.WhenAny(updates, Task.Delay(1000, cancellationToken));
            var now = clock.Elapsed;
            var rate = (_updates - lastUpdates) / Math.Max((now - lastAt).TotalSeconds, 0.001);
            (lastUpdates, lastAt) = (_updates, now);
            var recent = probes.Lags().TakeLast(200).Select(l => l.LagMs).DefaultIfEmpty(0).Max();
            progress.Status($"{Output.Numbers.Format(rate, 0)}/s, lag ≤ {Output.Numbers.Format(recent, 0)} ms, lỗi / failed {Output.Numbers.Format(_failed)}");
            if (now - lastRenew > TimeSpan.FromSeconds(50))
            {
                await national.Subscribe(observer);
                lastRenew = now;
            }

            await stats.SampleAsync();
        }
    }

    private async Task<bool> SettleAsync(IUnitGrain national, Tally expected, LagProbes probes, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < options.SettleTimeout)
        {
            var info = await Retry.RunAsync(() => national.GetInfo(), cancellationToken: cancellationToken);
            if (info!.Tally.Equals(expected) && probes.Visible >= probes.Acknowledgements)
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    /// <summary>Waits until the national unit has pushed the effect of earlier work, so the baseline is stable.</summary>
    private static async Task WaitQuietAsync(IUnitGrain national, CancellationToken cancellationToken)
    {
        var previous = (await national.GetStats()).ChildReportsReceived;
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(200, cancellationToken);
            var current = (await national.GetStats()).ChildReportsReceived;
            if (current == previous)
            {
                return;
            }

            previous = current;
        }
    }

    private List<TimelinePoint> Timeline(List<(long AckedAt, double LagMs)> lags, double seconds)
    {
        var byAck = lags.GroupBy(l => (int)Stopwatch.GetElapsedTime(_phaseStart, l.AckedAt).TotalSeconds).ToDictionary(g => g.Key, g => g.Select(l => l.LagMs).ToList());
        var points = new List<TimelinePoint>();
        for (var s = 0; s < Math.Min((int)Math.Ceiling(seconds), _perSecond.Length); s++)
        {
            var lag = byAck.GetValueOrDefault(s);
            points.Add(new TimelinePoint(s, _perSecond[s], lag is null ? null : Math.Round(lag.Average(), 1), lag is null ? null : Math.Round(lag.Max(), 1)));
        }

        return points;
    }

    private static string Describe(Tally expected, Tally actual)
    {
        var (e, a) = (expected.Summarize(), actual.Summarize());
        return $"expected {e.Total} active / {e.Discontinued} discontinued, found {a.Total} / {a.Discontinued}";
    }
}
