using System.CommandLine;
using System.Globalization;
using DanVanKheo.Client.Bench;
using DanVanKheo.Client.Load;
using DanVanKheo.Client.Output;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// <c>dvk benchmark hops</c>: how many changes per second the cluster carries when a change is only a chain of k
/// grain calls over a population of activations as large as the load test's; the ceiling for any design that spends
/// k calls per change on this machine.
/// </summary>
public static class HopsBenchmarkCommand
{
    public static Command Create(CliContext context)
    {
        var population = new Option<int>("--population")
        {
            Description = "Activations kept alive while measuring (the whole-country load test has about 1,250,000)",
            DefaultValueFactory = _ => 1_250_000,
        };
        var chains = new Option<string>("--chains") { Description = "Chain lengths to measure, comma-separated (grain calls per change, the client's included)", DefaultValueFactory = _ => "1,2,3,4,5" };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per chain length", DefaultValueFactory = _ => 15 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed seconds before each measurement", DefaultValueFactory = _ => 3 };
        var fanIn = new Option<int>("--fan-in")
        {
            Description = "0: each grain of a chain scattered over the whole population; F > 1: member i calls member i / F, a tree like the roll-up's",
            DefaultValueFactory = _ => 0,
        };
        var concurrency = new Option<int>("--concurrency") { Description = "Chains in flight", DefaultValueFactory = _ => 512 };
        var siloPid = new Option<int?>("--silo-pid") { Description = "Process id of a silo on this machine: its CPU time per change from /proc" };
        var command = new Command("hops", "Trần hiệu năng / the ceiling: changes/s when a change is only a chain of k grain calls")
        {
            population, chains, fanIn, seconds, warmup, concurrency, siloPid, LoadTestCommand.Report,
        };
        command.SetRunner(context, async (parse, ct) =>
        {
            var size = parse.GetValue(population);
            if (size < 2)
            {
                throw new DvkException("bad-count", "--population must be at least 2");
            }

            var lengths = ParseChains(parse.GetValue(chains)!);
            var inFlight = Math.Clamp(parse.GetValue(concurrency), 1, 10_000);
            var duration = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(seconds), 1, 3_600));
            var warm = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(warmup), 0, 600));
            var tree = parse.GetValue(fanIn);
            if (tree is < 0 or 1)
            {
                throw new DvkException("bad-fan-in", "--fan-in must be 0 (scattered) or at least 2");
            }

            var grains = await context.ConnectAsync(parse, ct);
            var bench = new HopBenchmark(grains, size, tree, inFlight, parse.GetValue(siloPid));
            var console = context.Console;

            var populated = await bench.PopulateAsync(ct);
            var shape = tree > 1 ? $"a tree, member i calls member i / {tree}" : "scattered over the population";
            console.MarkupLineInterpolated(
                $"population: {Numbers.Format(size)} activations in {Numbers.Format(populated.TotalSeconds, 1)} s; chains {shape}; {inFlight} chains in flight, {Numbers.Format(duration.TotalSeconds, 0)} s per chain length");
            var results = new List<HopResult>();
            foreach (var length in lengths)
            {
                var result = await bench.MeasureAsync(length, duration, warm, ct);
                results.Add(result);
                var cpu = result.SiloCpuMicrosPerChange is { } micros ? $"; silo CPU {Numbers.Format(micros, 1)} µs per change" : "";
                var grainsWord = length == 1 ? "grain" : "grains";
                console.MarkupLineInterpolated(
                    $"chain {length}: [bold]{Numbers.Format(result.ChangesPerSecond, 0)} changes/s[/] = {Numbers.Format(result.CallsPerSecond, 0)} grain calls/s{cpu} ({Numbers.Format(result.Changes)} changes, each through {length} {grainsWord})");
            }

            if (parse.GetValue(LoadTestCommand.Report) is { } file)
            {
                var report = new
                {
                    Population = size,
                    FanIn = tree,
                    Concurrency = inFlight,
                    SecondsPerChain = duration.TotalSeconds,
                    Machine = MachineInfo.Describe(),
                    Chains = results.Select(r => new
                    {
                        r.Chain,
                        r.ChangesPerSecond,
                        r.CallsPerSecond,
                        r.SiloCpuMicrosPerChange,
                        r.Changes,
                        Seconds = r.Elapsed.TotalSeconds,
                    }),
                };
                await Json.WriteReportAsync(context, file, report, ct);
            }

            return CommandRunner.Ok;
        });
        return command;
    }

    private static int[] ParseChains(string text)
    {
        var lengths = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length is < 1 or > 32)
            {
                throw new DvkException("bad-chains", $"--chains: '{part}' is not a chain length from 1 to 32");
            }

            lengths.Add(length);
        }

        return lengths.Count > 0 ? [.. lengths] : throw new DvkException("bad-chains", "--chains: give at least one chain length");
    }
}
