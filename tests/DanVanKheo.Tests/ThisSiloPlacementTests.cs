using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace DanVanKheo.Tests;

/// <summary>
/// A silo alone in its cluster (Memory, LocalMemory) places models with <see cref="ThisSiloPlacement"/>: no grain-directory
/// entry, the catalog alone keeping one activation per model. A PostgreSQL cluster of silos needs the directory.
/// </summary>
[Collection(WriteBehindCollection.Name)]
public sealed class ThisSiloPlacementTests(WriteBehindClusterFixture fixture)
{
    [Theory]
    [InlineData("Memory", true)]
    [InlineData("LocalMemory", true)]
    [InlineData("Postgres", false)]
    public async Task Only_a_silo_alone_in_its_cluster_places_models_without_the_directory(string provider, bool expected)
    {
        var builder = SiloSettings.Builder(provider);
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.Equal(expected, app.Services.GetServices<IPlacementStrategyResolver>().OfType<ModelsOnThisSilo>().Any());
    }

    [Fact]
    public void The_placement_is_for_model_grains_only()
    {
        static GrainProperties Of(Type grainClass) =>
            new(System.Collections.Immutable.ImmutableDictionary.Create<string, string>(StringComparer.Ordinal).Add(WellKnownGrainTypeProperties.FullTypeName, grainClass.FullName!));
        var resolver = new ModelsOnThisSilo();

        Assert.True(resolver.TryResolvePlacementStrategy(GrainType.Create("model"), Of(typeof(ModelGrain)), out var strategy));
        Assert.False(strategy.IsUsingGrainDirectory);
        Assert.False(resolver.TryResolvePlacementStrategy(GrainType.Create("unit"), Of(typeof(UnitGrain)), out _));
        Assert.False(resolver.TryResolvePlacementStrategy(GrainType.Create("model"), null, out _));
    }

    [Fact]
    public async Task Concurrent_first_calls_to_new_models_make_one_activation_each_and_no_directory_entry()
    {
        var grains = fixture.Client;
        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var management = grains.GetGrain<IManagementGrain>(0);
        var before = await ModelActivations(management);
        var ids = Enumerable.Range(0, 20).Select(n => tree.Code($"m{n}")).ToArray();

        // Ten calls at once to each new model: every one must meet the same activation, so each sees version 1.
        var records = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 10).Select(async _ =>
        {
            await Task.Yield();
            return await grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code("C")));
        })));

        Assert.All(records, r => Assert.Equal(1, r.Version));
        Assert.Equal(before + ids.Length, await ModelActivations(management));
        var perModel = await Task.WhenAll(ids.Select(id => management.GetGrainActivationCount((GrainReference)grains.GetGrain<IModelGrain>(id))));
        Assert.All(perModel, count => Assert.Equal(1, count));

        // What the running silo resolved for the model type (its grain properties name the class), and for units.
        var strategies = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<PlacementStrategyResolver>();
        Assert.IsType<ThisSiloPlacement>(strategies.GetPlacementStrategy(grains.GetGrain<IModelGrain>(ids[0]).GetGrainId().Type));
        Assert.True(strategies.GetPlacementStrategy(grains.GetGrain<IUnitGrain>(tree.Code("C")).GetGrainId().Type).IsUsingGrainDirectory);
        var commune = await Eventually.Get(() => tree.Summary(tree.Code("C")), s => s.Total == ids.Length);
        Assert.Equal(ids.Length, commune.Total);
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(grains, [tree.Code("P"), tree.Code("C")], ids));
    }

    private static async Task<int> ModelActivations(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains(nameof(ModelGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
}
