using System.Diagnostics.Metrics;
using DanVanKheo.Silo.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DanVanKheo.Tests;

/// <summary>The real silo host (Orleans + ASP.NET Core) serves our own instruments to Prometheus at <c>/metrics</c>.</summary>
[Collection(MetricsCollection.Name)]
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
    ];

    [Fact]
    public async Task Our_instruments_appear_on_metrics_after_a_write()
    {
        // Ports from the load-test range, so that a silo started by a developer on the defaults does not collide.
        await using var factory = new WebApplicationFactory<SiloHostOptions>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Orleans:SiloPort", "14091");
            web.UseSetting("Orleans:GatewayPort", "24091");
            web.UseSetting("Orleans:ClusterId", "dvk-metrics-test");
            web.UseSetting("Rollup:FlushInterval", "00:00:00.010");
            web.UseSetting("Demo:Load", "false");
        });
        using var http = factory.CreateClient();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();

        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var watcher = new TallyWatcher();
        var reference = grains.CreateObjectReference<ITallyObserver>(watcher);
        await grains.GetGrain<IUnitGrain>(tree.Code("C")).Subscribe(reference);
        var model = TestTree.Model(tree.Code("m"), tree.Code("C"));
        await grains.GetGrain<IModelGrain>(model.Id).Register(model);
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1);
        Assert.Equal(1, PublishedInstruments("dvk.models.written"));

        var text = await Eventually.Get(
            () => http.GetStringAsync("/metrics"),
            body => OurInstruments.All(body.Contains),
            TimeSpan.FromSeconds(30));

        foreach (var instrument in OurInstruments)
        {
            Assert.Contains(instrument, text);
        }

        Assert.Contains("orleans_", text);
        Assert.Matches(@"dvk_models_written_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"dvk_live_subscribers\{[^}]*\} [1-9]", text);
    }

    /// <summary>Instruments of that name alive in this process, from any host's meter.</summary>
    private static int PublishedInstruments(string name)
    {
        var count = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) => count += instrument.Name == name ? 1 : 0;
        listener.Start();
        return count;
    }

    private sealed class TallyWatcher : ITallyObserver
    {
        public void OnTally(TallyUpdate update)
        {
        }
    }
}

/// <summary>
/// Runs alone, after the parallel collections. The silo's MeterProvider listens to every meter named
/// <c>DanVanKheo</c> in the process, so while the other collections' in-process silos are alive their observable
/// counters feed the same Prometheus series as this silo's, and theirs can be the value scraped (CI once read
/// <c>dvk_models_written_total</c> below 1 after this test's write). The test asserts that it is alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}
