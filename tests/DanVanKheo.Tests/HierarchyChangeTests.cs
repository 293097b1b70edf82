namespace DanVanKheo.Tests;

/// <summary>Moves and merges (the 2025 reform) keep every tally exact.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HierarchyChangeTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Moving_a_commune_from_a_district_to_directly_under_another_province_moves_its_models()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P1", Level.Province, null);
        await tree.Unit("P2", Level.Province, null);
        await tree.Unit("D1", Level.District, "P1");
        await tree.Unit("C", Level.Commune, "D1");
        await tree.Unit("H", Level.Hamlet, "C");
        foreach (var (id, unit) in new[] { ("a", "C"), ("b", "H"), ("c", "H") })
        {
            await Grains.GetGrain<IModelGrain>(tree.Code(id)).Register(TestTree.Model(tree.Code(id), tree.Code(unit)));
        }

        Assert.Equal(3, (await Eventually.Get(() => tree.Summary(tree.Code("P1")), s => s.Total == 3)).Total);

        await tree.Unit("C", Level.Commune, "P2");

        Assert.Equal(3, (await Eventually.Get(() => tree.Summary(tree.Code("P2")), s => s.Total == 3)).Total);
        Assert.Equal(0, (await Eventually.Get(() => tree.Summary(tree.Code("P1")), s => s.Total == 0)).Total);
        Assert.Equal(0, (await tree.Summary(tree.Code("D1"))).Total);
        var children = await Grains.GetGrain<IUnitGrain>(tree.Code("P2")).GetChildren();
        Assert.Equal(tree.Code("C"), Assert.Single(children).Code);
    }

    [Fact]
    public async Task Merging_communes_moves_children_and_models_and_retires_the_merged_one()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        await tree.Unit("A", Level.Commune, "D");
        await tree.Unit("B", Level.Commune, "P");
        await tree.Unit("HA", Level.Hamlet, "A");
        for (var i = 0; i < 5; i++)
        {
            var id = tree.Code($"m{i}");
            await Grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code(i % 2 == 0 ? "A" : "HA"), (Field)(i % 4)));
        }

        await Grains.GetGrain<IModelGrain>(tree.Code("b0")).Register(TestTree.Model(tree.Code("b0"), tree.Code("B")));
        await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 6);

        var merged = await Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B"));

        Assert.Equal(tree.Code("B"), merged.MergedInto);
        Assert.Equal(6, (await Eventually.Get(() => tree.Summary(tree.Code("B")), s => s.Total == 6)).Total);
        Assert.Equal(0, (await Eventually.Get(() => tree.Summary(tree.Code("D")), s => s.Total == 0)).Total);
        Assert.Equal(6, (await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 6)).Total);
        Assert.Equal(tree.Code("B"), (await Grains.GetGrain<IUnitGrain>(tree.Code("HA")).GetInfo())!.Definition.ParentCode);
        Assert.Equal(tree.Code("B"), (await Grains.GetGrain<IModelGrain>(tree.Code("m0")).Get())!.Unit);

        var refused = await Assert.ThrowsAsync<DvkException>(() =>
            Grains.GetGrain<IModelGrain>(tree.Code("late")).Register(TestTree.Model(tree.Code("late"), tree.Code("A"))));
        Assert.Equal("retired-unit", refused.Problem);
        var units = new[] { "P", "D", "A", "B", "HA" }.Select(tree.Code).ToArray();
        var models = Enumerable.Range(0, 5).Select(i => tree.Code($"m{i}")).Append(tree.Code("b0")).ToArray();
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));
    }

    [Fact]
    public async Task A_merge_whose_parent_failed_to_drop_the_unit_is_finished_by_a_retry_or_the_next_activation()
    {
        var tree = await ProvinceWithCommunesAsync("A", "B", "C");

        var province = Grains.GetGrain<IUnitGrain>(tree.Code("P"));
        async Task<string[]> ChildrenOfP() => [.. (await province.GetChildren()).Select(c => c.Code)];

        // The merge's last step fails: P still holds A, with whatever A last reported, beside the survivor B.
        CallFaults.FailNext(nameof(IUnitGrain.DetachChild), tree.Code("P"));
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B")));
        Assert.Contains("injected fault", failed.Message);
        Assert.True((await Grains.GetGrain<IUnitGrain>(tree.Code("A")).GetInfo())!.IsRetired);
        Assert.Contains(tree.Code("A"), await ChildrenOfP());

        // Retried, the merge finishes that step; a merge into another unit is still refused.
        var retried = await Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B"));
        Assert.Equal(tree.Code("B"), retried.MergedInto);
        Assert.DoesNotContain(tree.Code("A"), await ChildrenOfP());
        var elsewhere = await Assert.ThrowsAsync<DvkException>(() => Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("C")));
        Assert.Equal("retired-unit", elsewhere.Problem);

        // Not retried: the unit's next activation finishes it.
        CallFaults.FailNext(nameof(IUnitGrain.DetachChild), tree.Code("P"));
        await Assert.ThrowsAnyAsync<Exception>(() => Grains.GetGrain<IUnitGrain>(tree.Code("C")).MergeInto(tree.Code("B")));
        Assert.Contains(tree.Code("C"), await ChildrenOfP());
        var before = await Grains.GetGrain<IUnitGrain>(tree.Code("C")).GetStats();
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.NotEqual(before.ActivatedAt, (await Grains.GetGrain<IUnitGrain>(tree.Code("C")).GetStats()).ActivatedAt);
        Assert.Equal([tree.Code("B")], await Eventually.Get(ChildrenOfP, children => children.Length == 1));

        string[] models = [.. new[] { "A", "B", "C" }.Select(u => tree.Code($"m{u}"))];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, [.. new[] { "P", "A", "B", "C" }.Select(tree.Code)], models));
        Assert.Equal(3, (await tree.Summary(tree.Code("P"))).Total);
    }

    [Fact]
    public async Task A_move_whose_old_parent_failed_to_drop_the_unit_is_finished_before_the_next_move()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        foreach (var district in new[] { "D1", "D2", "D3" })
        {
            await tree.Unit(district, Level.District, "P");
        }

        await tree.Unit("C", Level.Commune, "D1");
        await Grains.GetGrain<IModelGrain>(tree.Code("m")).Register(TestTree.Model(tree.Code("m"), tree.Code("C")));
        async Task<string[]> ChildrenOf(string unit) => [.. (await Grains.GetGrain<IUnitGrain>(tree.Code(unit)).GetChildren()).Select(c => c.Code)];

        // The move's last step fails: D1 still holds C beside D2.
        CallFaults.FailNext(nameof(IUnitGrain.DetachChild), tree.Code("D1"));
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => tree.Unit("C", Level.Commune, "D2"));
        Assert.Contains("injected fault", failed.Message);
        Assert.Equal([tree.Code("C")], await ChildrenOf("D1"));

        // The next move first finishes that one, so neither former parent keeps C.
        await tree.Unit("C", Level.Commune, "D3");
        Assert.Empty(await ChildrenOf("D1"));
        Assert.Empty(await ChildrenOf("D2"));
        Assert.Equal([tree.Code("C")], await ChildrenOf("D3"));
        string[] units = [.. new[] { "P", "D1", "D2", "D3", "C" }.Select(tree.Code)];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, [tree.Code("m")]));
    }

    [Fact]
    public async Task A_merge_whose_survivor_is_merged_meanwhile_takes_everything_on_to_the_last_survivor()
    {
        var tree = await ProvinceWithCommunesAsync("A", "B", "C");

        await tree.Unit("H", Level.Hamlet, "A");
        await Grains.GetGrain<IModelGrain>(tree.Code("mH")).Register(TestTree.Model(tree.Code("mH"), tree.Code("H")));

        // A's merge into B reaches its hamlet only after B has been merged into C.
        var release = new TaskCompletionSource();
        var reached = CallFaults.HoldNext(nameof(IUnitGrain.FollowMerge), tree.Code("H"), release.Task);
        var mergeA = Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B"));
        await reached.WaitAsync(TimeSpan.FromSeconds(10));
        await Grains.GetGrain<IUnitGrain>(tree.Code("B")).MergeInto(tree.Code("C"));
        release.SetResult();
        Assert.Equal(tree.Code("B"), (await mergeA.WaitAsync(TimeSpan.FromSeconds(30))).MergedInto);

        Assert.Equal(tree.Code("C"), (await Grains.GetGrain<IUnitGrain>(tree.Code("H")).GetInfo())!.Definition.ParentCode);
        Assert.Equal([tree.Code("H")], (await Grains.GetGrain<IUnitGrain>(tree.Code("C")).GetChildren()).Select(c => c.Code));
        string[] models = [.. new[] { "A", "B", "C", "H" }.Select(u => tree.Code($"m{u}"))];
        foreach (var model in models)
        {
            await Eventually.Get(Grains.GetGrain<IModelGrain>(model).Get, m => m!.Unit == tree.Code(model == tree.Code("mH") ? "H" : "C"));
        }

        string[] units = [.. new[] { "P", "A", "B", "C", "H" }.Select(tree.Code)];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));
        Assert.Equal(4, (await tree.Summary(tree.Code("C"))).Total);
        Assert.Equal([tree.Code("C")], (await Grains.GetGrain<IUnitGrain>(tree.Code("P")).GetChildren()).Select(c => c.Code));
    }

    [Fact]
    public async Task A_merge_into_a_unit_that_is_being_merged_is_refused_before_anything_moves()
    {
        var tree = await ProvinceWithCommunesAsync("A", "B");
        await tree.Unit("HA", Level.Hamlet, "A");
        await tree.Unit("HB", Level.Hamlet, "B");
        string[] models = [tree.Code("mA"), tree.Code("mB"), tree.Code("mHA"), tree.Code("mHB")];
        foreach (var (model, unit) in new[] { ("mHA", "HA"), ("mHB", "HB") })
        {
            await Grains.GetGrain<IModelGrain>(tree.Code(model)).Register(TestTree.Model(tree.Code(model), tree.Code(unit)));
        }

        // A's merge into B is moving its hamlet when B is asked to merge into A: B's children and models would go
        // to A, which sends them back to B.
        var release = new TaskCompletionSource();
        var reached = CallFaults.HoldNext(nameof(IUnitGrain.FollowMerge), tree.Code("HA"), release.Task);
        var mergeA = Grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B"));
        await reached.WaitAsync(TimeSpan.FromSeconds(10));
        var refusal = await Assert.ThrowsAsync<DvkException>(() => Grains.GetGrain<IUnitGrain>(tree.Code("B")).MergeInto(tree.Code("A")));
        Assert.Equal("merging-unit", refusal.Problem);
        Assert.Contains(tree.Code("A"), refusal.Message, StringComparison.Ordinal);
        Assert.Equal(tree.Code("B"), (await Grains.GetGrain<IModelGrain>(tree.Code("mB")).Get())!.Unit);

        release.SetResult();
        Assert.Equal(tree.Code("B"), (await mergeA.WaitAsync(TimeSpan.FromSeconds(30))).MergedInto);
        string[] units = [.. new[] { "P", "A", "B", "HA", "HB" }.Select(tree.Code)];
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));
        Assert.Equal(4, (await tree.Summary(tree.Code("B"))).Total);
        Assert.Equal([tree.Code("HA"), tree.Code("HB")], (await Grains.GetGrain<IUnitGrain>(tree.Code("B")).GetChildren()).Select(c => c.Code));
    }

    [Fact]
    public async Task Two_units_merged_into_each_other_at_once_end_with_every_unit_and_model_counted_once()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        var models = new List<string>();
        foreach (var unit in new[] { "A", "B" })
        {
            await tree.Unit(unit, Level.Commune, "P");
            await tree.Unit($"H{unit}", Level.Hamlet, unit);
            for (var i = 0; i < 6; i++)
            {
                var id = tree.Code($"{unit}{i}");
                await Grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code(i % 2 == 0 ? unit : $"H{unit}")));
                models.Add(id);
            }
        }

        async Task<string?> MergeOrRefusal(string from, string into)
        {
            try
            {
                await Grains.GetGrain<IUnitGrain>(tree.Code(from)).MergeInto(tree.Code(into));
                return null;
            }
            catch (DvkException exception)
            {
                return exception.Problem;
            }
        }

        // Each merge sends the other's children back to it: neither may hang, and at most one may succeed.
        var outcomes = await Task.WhenAll(MergeOrRefusal("A", "B"), MergeOrRefusal("B", "A")).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(outcomes.Count(o => o is null) <= 1, string.Join(", ", outcomes));

        // Each unit's definition names the parent that holds it, and each live unit holds exactly those children.
        string[] units = [.. new[] { "P", "A", "B", "HA", "HB" }.Select(tree.Code)];
        var infos = await Task.WhenAll(units.Select(u => Grains.GetGrain<IUnitGrain>(u).GetInfo()));
        foreach (var parent in infos.Where(i => !i!.IsRetired).Select(i => i!.Definition.Code))
        {
            var named = infos.Where(i => !i!.IsRetired && i.Definition.ParentCode == parent).Select(i => i!.Definition.Code);
            var held = (await Grains.GetGrain<IUnitGrain>(parent).GetChildren()).Select(c => c.Code);
            Assert.Equal(named.Order(StringComparer.Ordinal), held.Order(StringComparer.Ordinal));
        }

        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));
        Assert.Equal(12, (await tree.Summary(tree.Code("P"))).Total);

        // Whatever happened, one of the two can now be merged into the other and takes everything.
        if (outcomes.All(o => o is not null))
        {
            Assert.Null(await MergeOrRefusal("A", "B"));
        }

        var survivor = (await Grains.GetGrain<IUnitGrain>(tree.Code("A")).GetInfo())!.IsRetired ? "B" : "A";
        Assert.Equal(12, (await Eventually.Get(() => tree.Summary(tree.Code(survivor)), s => s.Total == 12)).Total);
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, models));
    }

    [Fact]
    public async Task Concurrent_changes_to_one_model_end_at_its_last_state_counted_once()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C1", Level.Commune, "P");
        await tree.Unit("C2", Level.Commune, "P");
        var id = tree.Code("m");
        var model = Grains.GetGrain<IModelGrain>(id);
        await model.Register(TestTree.Model(id, tree.Code("C1")));
        var calls = Enumerable.Range(0, 40).Select(i => (i % 4) switch
        {
            0 => model.MoveTo(tree.Code(i % 8 == 0 ? "C2" : "C1")),
            1 => model.Evaluate(2020 + i % 5, i % 3 == 0),
            2 => model.Update(new ModelChanges { Field = (Field)(i % 4) }),
            _ => model.Commend(Commendations.District),
        });
        await Task.WhenAll(calls);
        var units = new[] { "P", "C1", "C2" }.Select(tree.Code).ToArray();
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(Grains, units, [id]));
        Assert.Equal(1, (await tree.Summary(tree.Code("P"))).Total);
    }

    /// <summary>Province P with the given communes under it, each with one model <c>m{commune}</c>.</summary>
    private async Task<TestTree> ProvinceWithCommunesAsync(params string[] communes)
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        foreach (var unit in communes)
        {
            await tree.Unit(unit, Level.Commune, "P");
            await Grains.GetGrain<IModelGrain>(tree.Code($"m{unit}")).Register(TestTree.Model(tree.Code($"m{unit}"), tree.Code(unit)));
        }

        return tree;
    }
}
