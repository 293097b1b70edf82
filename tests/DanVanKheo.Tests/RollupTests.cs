namespace DanVanKheo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RollupTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_model_in_a_hamlet_counts_at_every_ancestor_up_to_VN()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        await tree.Unit("C", Level.Commune, "D");
        await tree.Unit("H", Level.Hamlet, "C");
        var before = await tree.Summary("VN");

        var model = TestTree.Model(tree.Code("m1"), tree.Code("H"), Field.DefenseSecurity, ModelKind.Individual);
        await Grains.GetGrain<IModelGrain>(model.Id).Register(model);

        foreach (var code in new[] { "H", "C", "D", "P" })
        {
            var summary = await Eventually.Get(() => tree.Summary(tree.Code(code)), s => s.Total == 1);
            Assert.Equal(1, summary.Total);
            Assert.Equal(1, summary.ByField(Field.DefenseSecurity));
            Assert.Equal(1, summary.ByKind(ModelKind.Individual));
        }

        var national = await Eventually.Get(() => tree.Summary("VN"), s => s.Total >= before.Total + 1);
        Assert.True(national.ByField(Field.DefenseSecurity) >= before.ByField(Field.DefenseSecurity) + 1);
    }

    [Fact]
    public async Task A_commune_directly_under_a_province_rolls_up()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var model = TestTree.Model(tree.Code("m"), tree.Code("C"));
        await Grains.GetGrain<IModelGrain>(model.Id).Register(model);
        var province = await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1);
        Assert.Equal(1, province.Total);
    }

    [Fact]
    public async Task A_model_stored_but_not_reported_is_counted_without_another_call()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var id = tree.Code("m");

        // The record is stored, then its unit cannot be reached three times (the call, then two re-sends): the caller hears an error and does not retry.
        CallFaults.FailNext(nameof(IUnitGrain.ReportModel), tree.Code("C"), times: 3);
        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code("C"))));
        Assert.NotNull(await Grains.GetGrain<IModelGrain>(id).Get());

        string[] units = [.. new[] { "P", "C" }.Select(tree.Code)];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, [id]));
        Assert.Equal(1, (await tree.Summary(tree.Code("P"))).Total);
    }
}
