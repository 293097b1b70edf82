using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DanVanKheo.Tests;

/// <summary><c>dvk benchmark hops</c> and its grain: each chain really passes through as many grains as it says.</summary>
[Collection(ClusterCollection.Name)]
public sealed partial class HopBenchmarkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_hop_grain_passes_the_call_on_as_many_times_as_asked()
    {
        var first = fixture.Client.GetGrain<IHopGrain>(IHopGrain.Key(7));

        Assert.Equal(0, await first.Hop(0, 50, 0));
        Assert.Equal(4, await first.Hop(4, 50, 0));
        Assert.Equal(0, await first.Hop(4, 1, 0));

        // Up a tree: 7 → 3 → 1 → 0, and member 0 passes on to 1 rather than to itself.
        Assert.Equal(4, await first.Hop(4, 50, 2));

        var stranger = await Assert.ThrowsAsync<DvkException>(() => fixture.Client.GetGrain<IHopGrain>("hop-x").Hop(1, 50, 0));
        Assert.Contains("'hop-x' is not a hop grain key", stranger.Message);
    }

    [Fact]
    public async Task Benchmark_hops_measures_each_chain_length_it_is_given()
    {
        var cli = new CliRunner(fixture.Client);

        var reportPath = Path.Combine(Path.GetTempPath(), $"dvk-hops-{Guid.NewGuid():N}.json");
        var (exit, output) = await cli.RunAsync(
            "benchmark", "hops", "--population", "300", "--chains", "1,3", "--seconds", "1", "--warmup", "0", "--concurrency", "8", "--report", reportPath);

        Assert.True(exit == 0, output);
        Assert.Contains("population: 300 activations", output);
        foreach (var length in new[] { 1, 3 })
        {
            var line = ChainLine().Matches(output).SingleOrDefault(m => m.Groups["k"].Value == length.ToString(CultureInfo.InvariantCulture));
            Assert.True(line is not null, output);
            var changesPerSecond = Number(line.Groups["changes"].Value);
            var callsPerSecond = Number(line.Groups["calls"].Value);
            Assert.True(changesPerSecond > 0, output);
            Assert.InRange(callsPerSecond, changesPerSecond * length - length, changesPerSecond * length + length);
            Assert.Equal(length.ToString(CultureInfo.InvariantCulture), line.Groups["through"].Value);
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportPath));
        File.Delete(reportPath);
        Assert.Equal(300, report.RootElement.GetProperty("population").GetInt32());
        var chains = report.RootElement.GetProperty("chains").EnumerateArray().ToArray();
        Assert.Equal([1, 3], chains.Select(c => c.GetProperty("chain").GetInt32()));
        Assert.All(chains, c => Assert.True(c.GetProperty("changesPerSecond").GetDouble() > 0));

        var (treeExit, tree) = await cli.RunAsync(
            "benchmark", "hops", "--population", "300", "--chains", "4", "--fan-in", "4", "--seconds", "1", "--warmup", "0", "--concurrency", "8");
        Assert.True(treeExit == 0, tree);
        Assert.Contains("chains a tree, member i calls member i / 4", tree);
        Assert.Contains(ChainLine().Matches(tree), m => m.Groups["k"].Value == "4" && Number(m.Groups["changes"].Value) > 0);
    }

    [Fact]
    public async Task Benchmark_hops_refuses_a_chain_length_or_fan_in_out_of_range()
    {
        var cli = new CliRunner(fixture.Client);

        var (exit, output) = await cli.RunAsync("benchmark", "hops", "--population", "10", "--chains", "2,0");

        Assert.Equal(2, exit);
        Assert.Contains("--chains: '0' is not a chain length from 1 to 32", output);

        var (fanInExit, fanInOutput) = await cli.RunAsync("benchmark", "hops", "--population", "10", "--fan-in", "1");
        Assert.Equal(2, fanInExit);
        Assert.Contains("--fan-in must be 0 (scattered) or at least 2", fanInOutput);
    }

    /// <summary>dvk prints numbers the Vietnamese way: dots between thousands.</summary>
    private static long Number(string text) => long.Parse(text.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"chain (?<k>\d+): (?<changes>[\d.]+) changes/s = (?<calls>[\d.]+) grain calls/s \([\d.]+ changes, each through (?<through>\d+) grains?\)")]
    private static partial Regex ChainLine();
}
