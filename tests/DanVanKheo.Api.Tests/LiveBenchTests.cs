using System.Globalization;
using System.Text.RegularExpressions;
using DanVanKheo.Client;

namespace DanVanKheo.Api.Tests;

/// <summary><c>dvk live-bench</c> end to end: writes through the cluster, subscribers on the host's real SSE endpoint.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class LiveBenchTests(ApiHost host)
{
    [Fact]
    public async Task Live_bench_prints_both_write_rates_and_the_events_every_subscriber_received()
    {
        var writer = new StringWriter();
        var grains = host.Service<IGrainFactory>();
        var context = new CliContext(TestConsole.Create(writer), (_, _) => Task.FromResult(grains));

        var code = await DvkCli.RunAsync(context, ["live-bench", "--web", host.BaseAddress.ToString(), "--subscribers", "60", "--seconds", "2", "--writers", "8"]);

        var output = writer.ToString().Replace("\n", " ", StringComparison.Ordinal);
        Assert.True(code == 0, output);
        Assert.True(Rate(WithoutSubscribers(), output) > 0, output);
        Assert.True(Rate(WithSubscribers(), output) > 0, output);
        Assert.True(Rate(Delivered(), output) > 0, output);
        Assert.Contains("subscribers with no update: 0", output);
    }

    /// <summary>The figure in Vietnamese form (1.234 or 1.234,5) after the pattern.</summary>
    private static double Rate(Regex pattern, string output)
    {
        var match = pattern.Match(output);
        Assert.True(match.Success, $"'{pattern}' not in: {output}");
        return double.Parse(match.Groups[1].Value, NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"));
    }

    [GeneratedRegex(@"writes without subscribers:\s+([\d.,]+) models/s")]
    private static partial Regex WithoutSubscribers();

    [GeneratedRegex(@"writes with 60 subscribers:\s+([\d.,]+) models/s")]
    private static partial Regex WithSubscribers();

    [GeneratedRegex(@"events delivered:\s+([\d.,]+) events/s")]
    private static partial Regex Delivered();
}
