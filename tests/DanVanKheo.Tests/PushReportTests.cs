using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Tests;

/// <summary>
/// Reports pushed one-way (<see cref="RollupOptions.PushReports"/>): the child takes a push as applied, so a parent that
/// could not apply one must make the child send its whole tally, and an answer about an old report must change nothing.
/// </summary>
[Collection(WriteBehindCollection.Name)]
public sealed class PushReportTests(WriteBehindClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Theory]
    [InlineData("LocalMemory", null, true)]
    [InlineData("LocalMemory", "false", false)]
    [InlineData("Memory", null, false)]
    [InlineData("Postgres", null, false)]
    [InlineData("Postgres", "true", false)]
    public async Task The_silo_pushes_reports_only_where_units_keep_their_state_in_the_activation(string provider, string? oneWay, bool expected)
    {
        var builder = SiloSettings.Builder(provider, ($"{RollupOptions.Section}:{nameof(RollupOptions.OneWayReports)}", oneWay));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<RollupOptions>>().Value.PushReports);
    }

    [Fact]
    public async Task A_push_the_parent_cannot_apply_brings_the_whole_tally_and_an_old_answer_changes_nothing()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        await tree.Unit("C", Level.Commune, "D");
        await Grains.GetGrain<IModelGrain>(tree.Code("m1")).Register(TestTree.Model(tree.Code("m1"), tree.Code("C")));
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 1);
        var district = Grains.GetGrain<IUnitGrain>(tree.Code("D"));
        var commune = Grains.GetGrain<IUnitGrain>(tree.Code("C"));
        var before = await Settled(district);
        var sent = (await commune.GetStats()).ReportsSent;

        // Answers the commune must ignore: about a report older than its last whole tally, and from a unit not its parent.
        await commune.ReportNotApplied(tree.Code("D"), 1, ReportAck.NeedsFullReport);
        await commune.ReportNotApplied(tree.Code("P"), long.MaxValue, ReportAck.NeedsFullReport);
        Assert.Equal(Wholes(before), Wholes(await Settled(district)));
        Assert.Equal(sent, (await commune.GetStats()).ReportsSent);

        // A delta on a base the district does not hold (as after a lost push): not applied, the whole tally asked for.
        var delta = new TallyBuilder().Set(new TallyBuilder().Add(new Contribution(2021, 0b1), 1).ToTally()).DeltaFrom(new TallyBuilder());
        await district.PushChildDelta(new ChildDelta(tree.Code("C"), 1, long.MaxValue, delta));
        var after = await Eventually.Get(() => Settled(district), s => Wholes(s) > Wholes(before));

        Assert.Equal(Wholes(before) + 1, Wholes(after));
        Assert.Equal(before.ChildDeltasReceived + 1, after.ChildDeltasReceived);
        Assert.Equal(sent + 1, (await commune.GetStats()).ReportsSent);
        Assert.Equal(1, (await tree.Summary(tree.Code("P"))).Total);
        Assert.Equal(await tree.Tally(tree.Code("C")), await tree.Tally(tree.Code("D")));

        // After the whole tally the commune pushes deltas again, and they count exactly.
        await Grains.GetGrain<IModelGrain>(tree.Code("m2")).Register(TestTree.Model(tree.Code("m2"), tree.Code("C"), Field.PoliticalSystem));
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 2);
        var last = await Settled(district);
        Assert.Equal(Wholes(after), Wholes(last));
        Assert.True(last.ChildDeltasReceived > after.ChildDeltasReceived, "the report after the whole tally was not a delta");
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, [.. new[] { "P", "D", "C" }.Select(tree.Code)], [tree.Code("m1"), tree.Code("m2")]));
    }

    private static long Wholes(RollupStats stats) => stats.ChildReportsReceived - stats.ChildDeltasReceived;

    /// <summary>The unit's counters once two reads a few flush intervals apart agree.</summary>
    private static async Task<RollupStats> Settled(IUnitGrain unit)
    {
        var previous = await unit.GetStats();
        for (var i = 0; i < 100; i++)
        {
            await Task.Delay(ClusterFixture.FlushInterval * 5);
            var current = await unit.GetStats();
            if (current == previous)
            {
                return current;
            }

            previous = current;
        }

        return previous;
    }
}
