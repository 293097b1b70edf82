using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using DanVanKheo.Client.Output;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// <c>dvk live-bench --web URL</c>: measures the write rate through the gateway without, then with, many
/// server-sent-event subscribers on one silo, and the events those subscribers receive per second.
/// </summary>
public static class LiveBenchCommand
{
    public static Command Create(CliContext context)
    {
        var web = new Option<string>("--web") { Description = "Silo web address for the live feed, e.g. http://127.0.0.1:8080", Required = true };
        var subscribers = new Option<int>("--subscribers") { Description = "Concurrent live-feed connections", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--seconds") { Description = "Length of each phase", DefaultValueFactory = _ => 10 };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers", DefaultValueFactory = _ => 64 };
        var command = new Command("live-bench", "Đo luồng trực tiếp / benchmark the live feed: write rate without and with SSE subscribers, events delivered per second")
        {
            web, subscribers, seconds, writers,
        };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var tree = await BenchTree.CreateAsync(grains);
            var console = context.Console;
            var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 600));
            var writerCount = Math.Clamp(parse.GetValue(writers), 1, 1024);
            var subscriberCount = Math.Clamp(parse.GetValue(subscribers), 1, 20_000);
            console.MarkupLineInterpolated($"Cây thử / bench tree: [bold]{Numbers.Format(tree.Units.Count)}[/] units under {tree.Province}; {writerCount} writers, {Numbers.Format(duration.TotalSeconds, 0)} s per phase");

            var alone = await WriteAsync(grains, tree, writerCount, duration, "a", ct);
            console.MarkupLineInterpolated($"Ghi không có người xem / writes without subscribers: [bold]{Numbers.Format(alone, 0)}[/] models/s");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(parse.GetValue(web)!.TrimEnd('/') + "/"),
                Timeout = Timeout.InfiniteTimeSpan,
            };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var feeds = Enumerable.Range(0, subscriberCount).Select(i => new Feed(tree.Units[i % tree.Units.Count])).ToArray();
            var connecting = Stopwatch.StartNew();
            var reading = feeds.Select(f => f.RunAsync(http, stop.Token)).ToArray();
            var ready = Task.WhenAll(feeds.Select(f => f.FirstEvent.Task));
            if (await Task.WhenAny(ready, Task.Delay(TimeSpan.FromSeconds(120), ct)) != ready)
            {
                throw new DvkException("bench-timeout", $"only {feeds.Count(f => f.FirstEvent.Task.IsCompleted)} of {subscriberCount} subscribers got their first snapshot within 120 s");
            }

            console.MarkupLineInterpolated($"{Numbers.Format(subscriberCount)} subscribers connected, each with its snapshot, in {Numbers.Format(connecting.Elapsed.TotalSeconds, 1)} s");
            var before = feeds.Sum(f => f.Updates);
            var clock = Stopwatch.StartNew();
            var withSubscribers = await WriteAsync(grains, tree, writerCount, duration, "b", ct);

            // Let the last flushes reach the browsers before counting.
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            var elapsed = clock.Elapsed.TotalSeconds;
            var delivered = feeds.Sum(f => f.Updates) - before;
            var starved = feeds.Count(f => f.Updates == 0);
            await stop.CancelAsync();
            await Task.WhenAll(reading);

            console.MarkupLineInterpolated($"Ghi khi có {Numbers.Format(subscriberCount)} người xem / writes with {Numbers.Format(subscriberCount)} subscribers: [bold]{Numbers.Format(withSubscribers, 0)}[/] models/s ({Numbers.Format(alone == 0 ? 0 : withSubscribers / alone * 100, 0)}% of the rate without)");
            console.MarkupLineInterpolated($"Sự kiện đã gửi / events delivered: [bold]{Numbers.Format(delivered / elapsed, 0)}[/] events/s ({Numbers.Format(delivered)} in {Numbers.Format(elapsed, 1)} s); subscribers with no update: {Numbers.Format(starved)}");
            return starved == 0 ? CommandRunner.Ok : CommandRunner.Rejected;
        });
        return command;
    }

    private static async Task<double> WriteAsync(IGrainFactory grains, BenchTree tree, int writers, TimeSpan duration, string phase, CancellationToken ct)
    {
        var written = 0L;
        var clock = Stopwatch.StartNew();
        var fields = Enum.GetValues<Field>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async w =>
        {
            var random = new Random(w);
            for (var i = 0; clock.Elapsed < duration && !ct.IsCancellationRequested; i++)
            {
                var unit = tree.Communes[random.Next(tree.Communes.Count)];
                var id = $"{tree.Province}-{phase}{w}-{i}";
                await grains.GetGrain<IModelGrain>(id).Register(new ModelInput(
                    id, unit, "Mô hình đo tải " + i.ToString(CultureInfo.InvariantCulture), fields[i % fields.Length], ModelKind.Collective, "", 2020 + i % 5, RegistrationLevels.Commune));
                Interlocked.Increment(ref written);
            }
        }));
        return written / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One province of 10 districts of 10 communes, under codes of this run.</summary>
    private sealed record BenchTree(string Province, List<string> Units, List<string> Communes)
    {
        public static async Task<BenchTree> CreateAsync(IGrainFactory grains)
        {
            var province = "lb" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
            await grains.GetGrain<IUnitGrain>(province).Define(new UnitDefinition(province, "Tỉnh đo tải " + province, Level.Province, "Tỉnh", null));
            var units = new List<string> { "VN", province };
            var communes = new List<string>();
            for (var d = 0; d < 10; d++)
            {
                var district = $"{province}d{d}";
                await grains.GetGrain<IUnitGrain>(district).Define(new UnitDefinition(district, $"Huyện {d}", Level.District, "Huyện", province));
                units.Add(district);
                await Task.WhenAll(Enumerable.Range(0, 10).Select(c => grains.GetGrain<IUnitGrain>($"{district}c{c}")
                    .Define(new UnitDefinition($"{district}c{c}", $"Xã {d}.{c}", Level.Commune, "Xã", district))));
                communes.AddRange(Enumerable.Range(0, 10).Select(c => $"{district}c{c}"));
            }

            units.AddRange(communes);
            return new BenchTree(province, units, communes);
        }
    }

    /// <summary>One live-feed connection: counts the updates after its first snapshot.</summary>
    private sealed class Feed(string unit)
    {
        private long _updates;

        public TaskCompletionSource FirstEvent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Updates => Interlocked.Read(ref _updates);

        public async Task RunAsync(HttpClient http, CancellationToken ct)
        {
            try
            {
                using var response = await http.GetAsync($"api/units/{Uri.EscapeDataString(unit)}/live", HttpCompletionOption.ResponseHeadersRead, ct);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync(ct);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
                {
                    if (!FirstEvent.Task.IsCompleted)
                    {
                        FirstEvent.TrySetResult();
                        continue;
                    }

                    using var data = JsonDocument.Parse(item.Data);
                    if (data.RootElement.GetProperty("version").GetInt64() > 0)
                    {
                        Interlocked.Increment(ref _updates);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the bench is over
            }
            catch (HttpRequestException exception)
            {
                FirstEvent.TrySetException(exception);
            }
        }
    }
}
