using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using DanVanKheo.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace DanVanKheo.Tests;

/// <summary>
/// LocalMemory storage with <see cref="RollupOptions.WriteBehind"/> (the silo's setting for it): units and models write
/// only when they deactivate, so a deactivated and re-activated tree must come back with every tally and model and keep
/// counting exactly.
/// </summary>
[Collection(WriteBehindCollection.Name)]
public sealed class WriteBehindTests(WriteBehindClusterFixture fixture)
{
    private readonly InProcessTestCluster _cluster = fixture.Cluster;

    [Theory]
    [InlineData("Postgres")]
    [InlineData("Memory")]
    public void The_silo_refuses_write_behind_where_an_acknowledged_write_must_reach_the_store(string provider)
    {
        var builder = SiloSettings.Builder(provider, ($"{RollupOptions.Section}:{nameof(RollupOptions.WriteBehind)}", "true"));

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddDanVanKheoSilo());

        Assert.Contains("Rollup:WriteBehind is only for Storage:Provider=LocalMemory", refused.Message);
    }

    [Fact]
    public async Task Units_deactivated_and_reactivated_keep_every_tally_and_count_new_changes_exactly_once()
    {
        var grains = _cluster.Client;
        var tree = new TestTree(grains);
        await tree.Unit("p", Level.Province, null);
        await tree.Unit("d", Level.District, "p");
        await tree.Unit("c", Level.Commune, "d");
        await tree.Unit("h", Level.Hamlet, "c");
        var models = Enumerable.Range(0, 40)
            .Select(i => TestTree.Model($"{tree.Prefix}-m{i}", tree.Code(i % 4 == 0 ? "d" : i % 4 == 1 ? "c" : "h"), (Field)(i % 4), year: 2018 + (i % 5)))
            .ToArray();
        await Task.WhenAll(models.Select(m => grains.GetGrain<IModelGrain>(m.Id).Register(m)));
        await grains.GetGrain<IModelGrain>(models[1].Id).Discontinue();
        await grains.GetGrain<IModelGrain>(models[2].Id).Evaluate(2024, effective: true);
        await Eventually.Get(() => tree.Summary(Rules.NationalCode), s => s.Total == 39 && s.Effective == 1);
        string[] codes = [tree.Code("h"), tree.Code("c"), tree.Code("d"), tree.Code("p"), Rules.NationalCode];
        var before = await Task.WhenAll(codes.Select(tree.Tally));
        var activated = await grains.GetGrain<IUnitGrain>(tree.Code("h")).GetStats();

        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The collection really replaced the activations; otherwise this test would prove nothing.
        var reactivated = await grains.GetGrain<IUnitGrain>(tree.Code("h")).GetStats();
        Assert.True(reactivated.ActivatedAt > activated.ActivatedAt, "the hamlet was not deactivated");
        var after = await Task.WhenAll(codes.Select(tree.Tally));
        Assert.Equal(before, after);
        var evaluated = await grains.GetGrain<IModelGrain>(models[2].Id).Get();
        Assert.Equal([new Evaluation(2024, true)], evaluated!.Evaluations);
        Assert.Equal(ModelStatus.Discontinued, (await grains.GetGrain<IModelGrain>(models[1].Id).Get())!.Status);

        // Re-activated units report under a new epoch: one more model is counted once at every level, not again.
        var extra = TestTree.Model($"{tree.Prefix}-extra", tree.Code("h"));
        await grains.GetGrain<IModelGrain>(extra.Id).Register(extra);
        await grains.GetGrain<IModelGrain>(models[3].Id).Discontinue();
        var national = await Eventually.Get(() => tree.Summary(Rules.NationalCode), s => s.Discontinued == 2 && s.Total == 39);
        Assert.Equal(1, national.Effective);

        // Hamlet: 20 models, one discontinued, one new; commune adds 10 (one discontinued); district adds 10.
        int[] expected = [20, 29, 39, 39, 39];
        var totals = await Task.WhenAll(codes.Select(async code => (await tree.Summary(code)).Total));
        Assert.Equal(expected, totals);
    }

    [Fact]
    public async Task A_silo_shutting_down_does_not_write_back_a_store_that_ends_with_it()
    {
        var cluster = WriteBehindClusterFixture.Build();
        await cluster.DeployAsync();
        try
        {
            var tree = new TestTree(cluster.Client);
            await tree.Unit("p", Level.Province, null);
            await tree.Unit("c", Level.Commune, "p");
            var models = Enumerable.Range(0, 20).Select(i => TestTree.Model($"{tree.Prefix}-m{i}", tree.Code("c"))).ToArray();
            await Task.WhenAll(models.Select(m => cluster.Client.GetGrain<IModelGrain>(m.Id).Register(m)));
            await Eventually.Get(() => tree.Summary(tree.Code("p")), s => s.Total == 20);
            var store = (LocalMemoryGrainStorage)cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Rollup);
            var held = store.Count;

            await cluster.StopAllSilosAsync();

            // 20 models and 2 units were active with unwritten state; none of it was written on the way down.
            Assert.Equal(held, store.Count);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_registration_the_unit_refuses_names_the_problem_and_leaves_nothing_behind()
    {
        var grains = _cluster.Client;
        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("A", Level.Commune, "P");
        await tree.Unit("B", Level.Commune, "P");
        await grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B"));
        var model = grains.GetGrain<IModelGrain>(tree.Code("m"));
        var input = TestTree.Model(tree.Code("m"), tree.Code("nowhere"));

        // With write-behind nothing is written before deactivation: a refused registration must leave nothing in memory either.
        Assert.Equal("unknown-unit", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input))).Problem);
        Assert.Null(await model.Get());
        var retired = await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Unit = tree.Code("A") }));
        Assert.Equal("retired-unit", retired.Problem);
        Assert.Contains(tree.Code("B"), retired.Message);
        Assert.Null(await model.Get());
        Assert.Equal("not-found", (await Assert.ThrowsAsync<DvkException>(() => model.Evaluate(2024, true))).Problem);

        var registered = await model.Register(input with { Unit = tree.Code("B") });
        Assert.Equal(1, registered.Version);
        Assert.Equal(registered, await model.Register(input with { Unit = tree.Code("B") }));
        await model.Evaluate(2024, effective: true);
        var province = await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1 && s.Effective == 1);
        Assert.Equal(1, province.Total);
        Assert.Equal(1, province.Effective);
        string[] units = [.. new[] { "P", "A", "B" }.Select(tree.Code)];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(grains, units, [tree.Code("m")]));
    }
}
