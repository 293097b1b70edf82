using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DanVanKheo.Tests;

/// <summary>
/// A single in-memory silo replaces Orleans' activation working set with <see cref="LifecycleOnlyWorkingSet"/>, which
/// keeps no set of recently active activations; idle activations must still be collected, and tallies stay exact.
/// </summary>
public sealed class ActivationWorkingSetTests
{
    [Theory]
    [InlineData("Memory", null, true)]
    [InlineData("LocalMemory", null, true)]
    [InlineData("Postgres", null, false)]
    [InlineData("LocalMemory", "Orleans", false)]
    [InlineData("Postgres", "lifecycleonly", true)]
    public async Task The_silo_chooses_the_working_set_by_storage_and_configuration(string provider, string? setting, bool lifecycleOnly)
    {
        var builder = SiloSettings.Builder(provider, (WorkingSetHostingExtensions.SettingKey, setting));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        var workingSet = app.Services.GetRequiredService<IActivationWorkingSet>();
        var messaging = app.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value;

        Assert.Equal(lifecycleOnly, workingSet is LifecycleOnlyWorkingSet);
        Assert.Equal(lifecycleOnly, messaging.GrainWorkloadAnalysisPeriod == TimeSpan.Zero);
    }

    [Fact]
    public void An_unknown_working_set_is_refused_by_name()
    {
        var builder = SiloSettings.Builder("LocalMemory", (WorkingSetHostingExtensions.SettingKey, "Lean"));

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddDanVanKheoSilo());

        Assert.Contains("Orleans:ActivationWorkingSet 'Lean' is not known", refused.Message);
    }

    [Fact]
    public async Task Idle_activations_are_still_collected_and_tallies_stay_exact()
    {
        // Configured as the silo configures a LocalMemory silo, but with a collection age the test can wait for.
        var cluster = WriteBehindClusterFixture.Build(silo => silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromSeconds(1);
            o.CollectionAge = TimeSpan.FromSeconds(6);
        }));
        await cluster.DeployAsync();
        try
        {
            var grains = cluster.Client;
            var workingSet = Assert.IsType<LifecycleOnlyWorkingSet>(cluster.Silos[0].ServiceProvider.GetRequiredService<IActivationWorkingSet>());
            var tree = new TestTree(grains);
            await tree.Unit("p", Level.Province, null);
            await tree.Unit("c", Level.Commune, "p");
            await tree.Unit("h", Level.Hamlet, "c");
            var models = Enumerable.Range(0, 30).Select(i => TestTree.Model($"{tree.Prefix}-m{i}", tree.Code(i % 3 == 0 ? "c" : "h"))).ToArray();
            await Task.WhenAll(models.Select(m => grains.GetGrain<IModelGrain>(m.Id).Register(m)));
            var modelsActive = (await Activations(grains)).Models;
            var counted = workingSet.Count;
            Assert.True(modelsActive >= 30, $"{modelsActive} model activations after 30 registrations");
            await Eventually.Get(() => tree.Summary(tree.Code("p")), s => s.Total == 30);
            var hamletActivated = (await grains.GetGrain<IUnitGrain>(tree.Code("h")).GetStats()).ActivatedAt;

            // Nothing calls them now: the idle collector (scheduled when each was added) must deactivate them by itself.
            var left = await Eventually.Get(() => Activations(grains), n => n == (0, 0), TimeSpan.FromSeconds(40));
            Assert.Equal((0, 0), left);
            Assert.True(workingSet.Count <= counted - 30, $"the working set still counts {workingSet.Count} of {counted}");
            Assert.True((await grains.GetGrain<IUnitGrain>(tree.Code("h")).GetStats()).ActivatedAt > hamletActivated, "the hamlet was not collected");

            // Re-activated grains count a change once, and the collected state is all there.
            await grains.GetGrain<IModelGrain>(models[1].Id).Discontinue();
            var extra = TestTree.Model($"{tree.Prefix}-extra", tree.Code("h"));
            await grains.GetGrain<IModelGrain>(extra.Id).Register(extra);
            // Discontinued models leave the total: 30 - 1 + 1 in the province, 20 - 1 + 1 in the hamlet.
            var province = await Eventually.Get(() => tree.Summary(tree.Code("p")), s => s.Total == 30 && s.Discontinued == 1);
            Assert.Equal((30, 1), (province.Total, province.Discontinued));
            Assert.Equal(20, (await tree.Summary(tree.Code("h"))).Total);
            Assert.Equal(ModelStatus.Discontinued, (await grains.GetGrain<IModelGrain>(models[1].Id).Get())!.Status);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(int Models, int Units)> Activations(IClusterClient grains)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        int Of(string type) => statistics.Where(s => s.GrainType.Contains(type, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        return (Of(nameof(ModelGrain)), Of(nameof(UnitGrain)));
    }
}
