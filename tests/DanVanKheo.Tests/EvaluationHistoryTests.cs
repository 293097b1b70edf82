namespace DanVanKheo.Tests;

/// <summary>A model keeps one result per year, in year order, whatever order the evaluations arrive in.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EvaluationHistoryTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Evaluations_out_of_order_are_kept_one_per_year_in_year_order_and_the_tally_follows_the_latest()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var model = Grains.GetGrain<IModelGrain>(tree.Code("m"));
        await model.Register(TestTree.Model(tree.Code("m"), tree.Code("C"), year: 2020));

        await model.Evaluate(2023, false);
        await model.Evaluate(2021, false);
        await model.Evaluate(2022, true);
        var record = await model.Evaluate(2021, true);

        Assert.Equal([new Evaluation(2021, true), new Evaluation(2022, true), new Evaluation(2023, false)], record.Evaluations);
        var summary = await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Evaluated == 1);
        Assert.Equal(0, summary.Effective);

        // Re-evaluating the latest year changes what the tally counts; an earlier year does not.
        record = await model.Evaluate(2023, true);
        Assert.Equal([2021, 2022, 2023], record.Evaluations.Select(e => e.Year));
        summary = await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Effective == 1);
        Assert.Equal(1, summary.Evaluated);
        record = await model.Evaluate(2020, false);
        Assert.Equal([2020, 2021, 2022, 2023], record.Evaluations.Select(e => e.Year));
    }
}
