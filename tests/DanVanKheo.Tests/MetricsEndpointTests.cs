using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DanVanKheo.Tests;

/// <summary>
/// The real silo host (Orleans + ASP.NET Core) serves our own instruments to Prometheus at <c>/metrics</c>, and only its
/// own: a second silo host alive in the same process (as the other test classes' in-process silos are) does not feed
/// its counters into the first one's series, nor the other way round.
/// </summary>
public sealed class MetricsEndpointTests
{
    private static readonly string[] OurInstruments =
    [
        "dvk_models_written_total",
        "dvk_rollup_reports_sent_total",
        "dvk_rollup_reports_received_total",
        "dvk_units_writes_total",
        "dvk_rollup_lag_milliseconds_bucket",
        "dvk_rollup_flush_batch",
        "dvk_units_write_batch",
        "dvk_live_subscribers",
        "dvk_storage_duration_milliseconds_bucket",
    ];

    [Fact]
    public async Task Our_instruments_appear_on_metrics_after_a_write_and_only_in_the_writing_silo()
    {
        await using var writing = Silo(1);
        await using var idle = Silo(2);
        using var writingHttp = writing.CreateClient();
        using var idleHttp = idle.CreateClient();
        var grains = writing.Services.GetRequiredService<IGrainFactory>();

        // Its instruments exist (they are created with the first grain that needs them): the idle silo has series of its own.
        _ = idle.Services.GetRequiredService<RollupMetrics>();

        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var watcher = new TallyWatcher();
        var reference = grains.CreateObjectReference<ITallyObserver>(watcher);
        await grains.GetGrain<IUnitGrain>(tree.Code("C")).Subscribe(reference);
        var model = TestTree.Model(tree.Code("m"), tree.Code("C"));
        await grains.GetGrain<IModelGrain>(model.Id).Register(model);
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1);

        var text = await Eventually.Get(
            () => writingHttp.GetStringAsync("/metrics"),
            body => OurInstruments.All(body.Contains),
            TimeSpan.FromSeconds(30));

        foreach (var instrument in OurInstruments)
        {
            Assert.Contains(instrument, text);
        }

        Assert.Contains("orleans_", text);

        // Reading it visits every activation of the silo, about 0.9 s of CPU per scrape at whole-country scale.
        Assert.DoesNotContain("orleans_messaging_processing_activation_data", text);
        Assert.Matches(@"(?m)^dvk_models_written_total\{[^}]*\} 1( |$)", text);
        Assert.Matches(@"(?m)^dvk_live_subscribers\{[^}]*\} 1( |$)", text);
        Assert.Matches(@"(?m)^dvk_storage_duration_milliseconds_count\{(?=[^}]*operation=""write"")(?=[^}]*outcome=""ok"")(?=[^}]*state=""model"")[^}]*\} [1-9]", text);

        // The idle silo wrote nothing and has no subscriber: its series are its own.
        var idleText = await idleHttp.GetStringAsync("/metrics");
        Assert.Matches(@"(?m)^dvk_models_written_total\{[^}]*\} 0( |$)", idleText);
        Assert.DoesNotMatch(@"(?m)^dvk_live_subscribers\{[^}]*\} [1-9]", idleText);
    }

    /// <summary>A whole silo host on its own ports (from the load-test range, clear of a developer's silo on the defaults).</summary>
    private static WebApplicationFactory<SiloHostOptions> Silo(int index) =>
        new WebApplicationFactory<SiloHostOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Orleans:SiloPort", $"{14090 + index}");
            web.UseSetting("Orleans:GatewayPort", $"{24090 + index}");
            web.UseSetting("Orleans:ClusterId", $"dvk-metrics-test-{index}");
            web.UseSetting("Rollup:FlushInterval", "00:00:00.010");
            web.UseSetting("Demo:Load", "false");
        });

    private sealed class TallyWatcher : ITallyObserver
    {
        public void OnTally(TallyUpdate update)
        {
        }
    }
}
