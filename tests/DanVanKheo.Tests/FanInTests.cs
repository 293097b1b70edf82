using System.Diagnostics;

namespace DanVanKheo.Tests;

/// <summary>
/// Coalescing keeps the top of the tree cool: reports upward are bounded by the flush interval, not the write rate. Run
/// against awaited reports and pushed ones, where a unit whose last flush is an interval old flushes in the report's turn.
/// </summary>
public abstract class FanIn(ITestCluster fixture)
{
    [Fact]
    public async Task Many_concurrent_writers_below_one_province_send_VN_at_most_one_report_per_flush_interval()
    {
        var grains = fixture.Client;
        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        var communes = new List<string>();
        for (var d = 0; d < 4; d++)
        {
            await tree.Unit($"D{d}", Level.District, "P");
            for (var c = 0; c < 4; c++)
            {
                await tree.Unit($"C{d}{c}", Level.Commune, $"D{d}");
                communes.Add(tree.Code($"C{d}{c}"));
            }
        }

        var national = grains.GetGrain<IUnitGrain>(Rules.NationalCode);
        var province = grains.GetGrain<IUnitGrain>(tree.Code("P"));
        var nationalTotalBefore = (await national.GetInfo())!.Tally.Summarize().Total;
        var nationalBefore = await national.GetStats();
        var provinceBefore = await province.GetStats();
        var communesBefore = await Task.WhenAll(communes.Select(c => grains.GetGrain<IUnitGrain>(c).GetStats()));
        const int writes = 3000;
        var stopwatch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, writes), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var id = tree.Code($"m{i}");
            await grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, communes[i % communes.Count], (Field)(i % 4)));
        });
        var national1 = await Eventually.Get(() => national.GetInfo(), n => n!.Tally.Summarize().Total == nationalTotalBefore + writes);
        stopwatch.Stop();

        Assert.Equal(nationalTotalBefore + writes, national1!.Tally.Summarize().Total);
        var provinceReports = (await province.GetStats()).ChildReportsReceived - provinceBefore.ChildReportsReceived;
        var nationalReports = (await national.GetStats()).ChildReportsReceived - nationalBefore.ChildReportsReceived;
        var communesSent = (await Task.WhenAll(communes.Select(c => grains.GetGrain<IUnitGrain>(c).GetStats())))
            .Zip(communesBefore, (after, before) => after.ReportsSent - before.ReportsSent).Max();
        var intervals = stopwatch.Elapsed / ClusterFixture.FlushInterval;
        var topIntervals = stopwatch.Elapsed / ClusterFixture.TopFlushInterval;

        // One province changed, so VN may hear from it once per province interval (+1 in flight, +1 activation).
        Assert.True(nationalReports <= topIntervals + 3, $"VN received {nationalReports} reports in {topIntervals:F0} of the province's flush intervals");
        Assert.True(provinceReports <= 4 * (intervals + 3), $"the province received {provinceReports} reports from 4 districts in {intervals:F0} intervals");
        Assert.True(nationalReports < writes / 4, $"{nationalReports} reports for {writes} writes is not coalesced");
        Assert.True(communesSent <= intervals + 3, $"a commune sent {communesSent} reports in {intervals:F0} flush intervals");
    }
}

[Collection(ClusterCollection.Name)]
public sealed class FanInTests(ClusterFixture fixture) : FanIn(fixture);

[Collection(WriteBehindCollection.Name)]
public sealed class PushedFanInTests(WriteBehindClusterFixture fixture) : FanIn(fixture);
