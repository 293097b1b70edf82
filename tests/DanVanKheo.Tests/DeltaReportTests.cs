namespace DanVanKheo.Tests;

/// <summary>
/// Child reports as deltas: a parent applies one only on top of the exact version it is based on, never twice, and
/// asks for the whole tally otherwise; in normal running, reports after the first are deltas.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DeltaReportTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private static Tally TallyOf(params Contribution[] contributions)
    {
        var builder = new TallyBuilder();
        foreach (var contribution in contributions)
        {
            builder.Add(contribution, 1);
        }

        return builder.ToTally();
    }

    [Fact]
    public async Task A_delta_counts_once_and_only_on_the_version_it_is_based_on()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        var province = Grains.GetGrain<IUnitGrain>(tree.Code("P"));

        // A child slot with no grain behind it, so that only this test reports for it.
        var child = tree.Code("X");
        await province.AttachChild(child, "Huyện X", Level.District);
        var whole = TallyOf(new Contribution(2018, 0b11), new Contribution(2020, 0b1));
        Assert.Equal(ReportAck.Stored, await province.ReportChild(new ChildReport(child, 5, whole)));
        Assert.Equal(whole, await tree.Tally(tree.Code("P")));

        var changed = TallyOf(new Contribution(2018, 0b11), new Contribution(2020, 0b1), new Contribution(2021, 0b100));
        var delta = new TallyBuilder().Set(changed).DeltaFrom(new TallyBuilder().Set(whole));

        // Based on a version the parent does not hold: not applied, whole tally asked for.
        var wrongBase = await province.ReportChildDelta(new ChildDelta(child, 4, 6, delta));
        Assert.True(wrongBase.NeedsFull);
        Assert.False(wrongBase.Refused);
        Assert.Equal(whole, await tree.Tally(tree.Code("P")));

        // On its base: applied, once, however often it arrives.
        Assert.Equal(ReportAck.Stored, await province.ReportChildDelta(new ChildDelta(child, 5, 6, delta)));
        Assert.Equal(ReportAck.Stored, await province.ReportChildDelta(new ChildDelta(child, 5, 6, delta)));
        Assert.Equal(changed, await tree.Tally(tree.Code("P")));

        // An older delta arriving late changes nothing.
        Assert.Equal(ReportAck.Stored, await province.ReportChildDelta(new ChildDelta(child, 3, 4, delta)));
        Assert.Equal(changed, await tree.Tally(tree.Code("P")));
        Assert.Equal(changed, (await province.GetChildren()).Single(c => c.Code == child).Tally);

        // From a unit that is not a child: refused, nothing counted.
        var stranger = await province.ReportChildDelta(new ChildDelta(tree.Code("Y"), 0, 1, delta));
        Assert.True(stranger.Refused);
        Assert.Equal(changed, await tree.Tally(tree.Code("P")));
    }

    [Fact]
    public async Task After_the_first_report_a_unit_reports_deltas_and_the_tallies_stay_exact()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        await tree.Unit("C", Level.Commune, "D");
        var models = Grains.GetGrain<IModelGrain>(tree.Code("m1"));
        await models.Register(TestTree.Model(tree.Code("m1"), tree.Code("C")));
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1);

        var second = TestTree.Model(tree.Code("m2"), tree.Code("C"), Field.PoliticalSystem, year: 2016);
        await Grains.GetGrain<IModelGrain>(second.Id).Register(second);
        await models.Evaluate(2021, effective: true);
        await Grains.GetGrain<IModelGrain>(second.Id).Discontinue();

        var province = await Eventually.Get(
            () => tree.Summary(tree.Code("P")),
            s => s.Total == 1 && s.Effective == 1 && s.Discontinued == 1);
        Assert.Equal(1, province.ByField(Field.Economy));
        Assert.Equal(1, province.DiscontinuedOfField(Field.PoliticalSystem));
        Assert.Equal(await tree.Tally(tree.Code("C")), await tree.Tally(tree.Code("P")));

        var district = await Grains.GetGrain<IUnitGrain>(tree.Code("D")).GetStats();
        Assert.True(district.ChildDeltasReceived >= 1, $"the district received {district.ChildReportsReceived} reports, none as a delta");
    }
}
