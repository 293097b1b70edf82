namespace DanVanKheo.Tests;

/// <summary>
/// Many merges at once among a few communes, in both directions and in chains, with registrations going on: whichever
/// merges succeed or are refused, the tree stays consistent, no model is left in a retired unit, and every tally
/// converges to the models' records.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MergeStormTests(ClusterFixture fixture)
{
    private const int Communes = 6;

    private IGrainFactory Grains => fixture.Client;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Merges_in_every_direction_at_once_leave_a_consistent_tree_and_exact_tallies(int seed)
    {
        var random = new Random(seed);
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        var models = new List<string>();
        for (var c = 0; c < Communes; c++)
        {
            await tree.Unit($"C{c}", Level.Commune, "P");
            await tree.Unit($"H{c}", Level.Hamlet, $"C{c}");
            for (var m = 0; m < 4; m++)
            {
                var id = tree.Code($"m{c}-{m}");
                await Grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code(m % 2 == 0 ? $"C{c}" : $"H{c}")));
                models.Add(id);
            }
        }

        // Each pair both ways, then a ring, then random ones: cycles of two and of several, and chains.
        var merges = new List<(int From, int Into)>();
        for (var c = 0; c + 1 < Communes; c += 2)
        {
            merges.Add((c, c + 1));
            merges.Add((c + 1, c));
        }

        merges.AddRange(Enumerable.Range(0, Communes).Select(c => (c, (c + 1) % Communes)));
        merges.AddRange(Enumerable.Range(0, 6).Select(_ => random.Next(Communes)).Select(c => (c, (c + 1 + random.Next(Communes - 1)) % Communes)));

        async Task<string?> MergeAsync(int from, int into)
        {
            await Task.Delay(random.Next(3));
            try
            {
                await Grains.GetGrain<IUnitGrain>(tree.Code($"C{from}")).MergeInto(tree.Code($"C{into}"));
                return null;
            }
            catch (DvkException exception)
            {
                return exception.Problem;
            }
        }

        async Task<string?> RegisterAsync(int n)
        {
            var id = tree.Code($"r{n}");
            var unit = tree.Code(n % 3 == 0 ? $"H{n % Communes}" : $"C{n % Communes}");
            try
            {
                await Grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, unit));
                return id;
            }
            catch (DvkException exception) when (exception.Problem == "retired-unit")
            {
                return null;
            }
        }

        Task<string?[]> StormAsync() => Task.WhenAll(merges.OrderBy(_ => random.Next()).Select(m => MergeAsync(m.From, m.Into))).WaitAsync(TimeSpan.FromSeconds(60));

        var merging = StormAsync();
        var registering = Task.WhenAll(Enumerable.Range(0, 30).Select(RegisterAsync));
        var outcomes = await merging;

        // Each unit marks itself merging before it asks its target, so when every merge starts at once all may be refused
        // (merging-unit): correct, but then nothing was merged and nothing tested. The same storm runs again then.
        for (var round = 1; round < 5 && outcomes.All(o => o is not null); round++)
        {
            outcomes = await StormAsync();
        }

        models.AddRange((await registering.WaitAsync(TimeSpan.FromSeconds(60))).OfType<string>());
        Assert.Contains(outcomes, o => o is null);

        string[] units = [tree.Code("P"), .. Enumerable.Range(0, Communes).SelectMany(c => new[] { tree.Code($"C{c}"), tree.Code($"H{c}") })];
        var infos = (await Task.WhenAll(units.Select(u => Grains.GetGrain<IUnitGrain>(u).GetInfo()))).Select(i => i!).ToArray();
        var retired = infos.Where(i => i.IsRetired).Select(i => i.Definition.Code).ToHashSet();
        Assert.NotEmpty(retired);
        foreach (var parent in infos.Where(i => !i.IsRetired).Select(i => i.Definition.Code))
        {
            var named = infos.Where(i => !i.IsRetired && i.Definition.ParentCode == parent).Select(i => i.Definition.Code);
            var held = (await Grains.GetGrain<IUnitGrain>(parent).GetChildren()).Select(c => c.Code);
            Assert.Equal(named.Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
        }

        foreach (var id in models)
        {
            var record = await Eventually.Get(Grains.GetGrain<IModelGrain>(id).Get, r => r is not null && !retired.Contains(r.Unit));
            Assert.DoesNotContain(record!.Unit, retired);
        }

        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));

        Assert.Equal(models.Count, (await tree.Summary(tree.Code("P"))).Total);
    }
}
