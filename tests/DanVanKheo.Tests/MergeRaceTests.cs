namespace DanVanKheo.Tests;

/// <summary>
/// Registrations and changes racing a merge of their unit: every model that was registered must end up in the survivor
/// and be counted there, with every change made to it, every hamlet defined or moved under it must end under the
/// survivor, one refused must leave nothing behind, and a model or hamlet a user moves elsewhere meanwhile must stay where
/// the user put it, however the reports and the merge's moves interleave. Run against awaited reports (the two-silo
/// cluster) and pushed ones (the write-behind silo, where units push their reports upward one-way).
/// </summary>
/// <param name="countedBefore">Models counted in the unit before the merge: enough that it runs for a while (a move
/// each), fewer where each move costs storage writes.</param>
public abstract class MergeRaces(ITestCluster fixture, int countedBefore)
{
    private const int Registrars = 4;
    private const int Attempts = 5;
    private const int PlacedHamlets = 6;

    [Fact]
    public async Task Models_and_hamlets_added_or_moved_while_their_unit_merges_end_where_they_belong()
    {
        // Whether a registration lands inside the merge is up to the scheduler, so a round that missed it is run again.
        for (var attempt = 1; !await RaceOnceAsync(); attempt++)
        {
            Assert.True(attempt < Attempts, $"in {Attempts} rounds no registration went in while the merge ran, so the race was not tested");
        }
    }

    /// <summary>One merge with registrations around it; false when none of them went in while it ran.</summary>
    private async Task<bool> RaceOnceAsync()
    {
        var grains = fixture.Client;
        var tree = new TestTree(grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("A", Level.Commune, "P");
        await tree.Unit("B", Level.Commune, "P");
        await tree.Unit("X", Level.Commune, "P");

        // Models counted in A before the merge give it work (one move each), during which more are registered in A.
        string[] before = [.. Enumerable.Range(0, countedBefore).Select(i => tree.Code($"m{i}"))];
        await Task.WhenAll(before.Select(id => grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code("A")))));
        string[] placed = [.. Enumerable.Range(0, PlacedHamlets).Select(i => tree.Code($"y{i}"))];
        string[] leaving = [.. Enumerable.Range(0, PlacedHamlets).Select(i => tree.Code($"z{i}"))];
        string[] hamletModels = [.. placed.Concat(leaving).Select(hamlet => hamlet + "-m")];
        foreach (var (hamlet, model) in placed.Concat(leaving).Zip(hamletModels))
        {
            await tree.Unit(hamlet[(tree.Prefix.Length + 1)..], Level.Hamlet, placed.Contains(hamlet) ? "X" : "A");
            await grains.GetGrain<IModelGrain>(model).Register(TestTree.Model(model, hamlet));
        }

        // Registrations run before, while and after the merge, so that some of their reports reach A as it merges.
        var merge = new TaskCompletionSource<Task>();
        var (registeredSoFar, registeredWhileMerging) = (0, 0);
        bool MergeDone() => merge.Task.IsCompleted && merge.Task.Result.IsCompleted;
        async Task<(List<string> Tried, List<string> Registered)> RegisterAroundTheMergeAsync(int registrar)
        {
            var (tried, registered) = (new List<string>(), new List<string>());
            for (var n = 0; !MergeDone(); n++)
            {
                var merging = merge.Task.IsCompleted;
                tried.Add(tree.Code($"r{registrar}-{n}"));
                if (await RegisterOrRefusedAsync(grains, tried[^1], tree.Code("A")))
                {
                    registered.Add(tried[^1]);
                    Interlocked.Increment(ref registeredSoFar);
                    if (merging)
                    {
                        Interlocked.Increment(ref registeredWhileMerging);
                    }
                }
            }

            return (tried, registered);
        }

        // A hamlet defined under A before the merge's snapshot is moved by it, one defined later follows the survivor,
        // one defined after the merge is refused and must leave nothing stored.
        async Task<(List<string> Defined, List<string> Refused)> DefineAroundTheMergeAsync()
        {
            var (defined, refused) = (new List<string>(), new List<string>());
            for (var n = 0; !MergeDone(); n++)
            {
                try
                {
                    defined.Add((await tree.Unit($"h{n}", Level.Hamlet, "A")).Code);
                }
                catch (DvkException exception) when (exception.Problem == "retired-parent")
                {
                    refused.Add(tree.Code($"h{n}"));
                }
            }

            return (defined, refused);
        }

        // Existing hamlets, each with a model, moved from X into A while the merge runs: each ends under B, or, refused
        // after the merge, stays under X, and X stops counting its model only if it went.
        async Task<List<string>> PlaceWhileMergingAsync()
        {
            var placedInA = new List<string>();
            foreach (var hamlet in placed)
            {
                var definition = (await grains.GetGrain<IUnitGrain>(hamlet).GetInfo())!.Definition;
                try
                {
                    await grains.GetGrain<IUnitGrain>(hamlet).Define(definition with { ParentCode = tree.Code("A") });
                    placedInA.Add(hamlet);
                }
                catch (DvkException exception) when (exception.Problem == "retired-parent")
                {
                    break;
                }
            }

            return placedInA;
        }

        // Hamlets of A a user moves to X while the merge moves them to B: whichever comes last, each must end in X.
        async Task MoveHamletsOutAsync()
        {
            foreach (var hamlet in leaving.Reverse())
            {
                var definition = (await grains.GetGrain<IUnitGrain>(hamlet).GetInfo())!.Definition;
                await grains.GetGrain<IUnitGrain>(hamlet).Define(definition with { ParentCode = tree.Code("X") });
            }
        }

        // A user moves models out of A to X while the merge moves them to B, from the other end of the merge's list:
        // whichever comes last, a model the user moved must end in X.
        async Task<HashSet<string>> MoveWhileMergingAsync()
        {
            var moved = new HashSet<string>();
            foreach (var id in before.Reverse())
            {
                if (MergeDone())
                {
                    break;
                }

                await grains.GetGrain<IModelGrain>(id).MoveTo(tree.Code("X"));
                moved.Add(id);
            }

            return moved;
        }

        // Models of A evaluated while the merge moves them, from the middle of the list down to meet the merge: whether a
        // change lands before or after the model's move, it must be counted once, in the survivor.
        async Task<List<string>> EvaluateWhileMergingAsync()
        {
            var evaluated = new List<string>();
            for (var i = before.Length / 2 - 1; i >= 0 && !MergeDone(); i--)
            {
                await grains.GetGrain<IModelGrain>(before[i]).Evaluate(2024, effective: true);
                evaluated.Add(before[i]);
            }

            return evaluated;
        }

        var registrars = Enumerable.Range(0, Registrars).Select(RegisterAroundTheMergeAsync).ToArray();
        var definer = DefineAroundTheMergeAsync();
        await Eventually.Get(() => Task.FromResult(Volatile.Read(ref registeredSoFar)), n => n >= 4 * Registrars);
        merge.SetResult(grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("B")));
        var mover = MoveWhileMergingAsync();
        var evaluator = EvaluateWhileMergingAsync();
        var placer = PlaceWhileMergingAsync();
        var hamletMover = MoveHamletsOutAsync();

        // A second merge of A while the first runs (it has moved its first model) is refused, or, once it is done, finds A
        // retired. Waiting for the move first: two calls from one client may arrive in either order.
        await Eventually.Get(grains.GetGrain<IModelGrain>(before[0]).Get, m => m!.Unit == tree.Code("B"));
        var second = await Assert.ThrowsAsync<DvkException>(() => grains.GetGrain<IUnitGrain>(tree.Code("A")).MergeInto(tree.Code("X")));
        Assert.Contains(second.Problem, new[] { "merging-unit", "retired-unit" });
        var around = await Task.WhenAll(registrars);
        var (hamlets, refusedHamlets) = await definer;
        var moved = await mover;
        var evaluated = await evaluator;
        var placedInA = await placer;
        await hamletMover;
        await await merge.Task;
        string[] ids = [.. before, .. around.SelectMany(r => r.Tried), .. hamletModels];
        string[] registered = [.. before, .. around.SelectMany(r => r.Registered)];
        string Expected(string id) => tree.Code(moved.Contains(id) ? "X" : "B");

        // With pushed reports a model learns of the refusal after its call returned, so it may still be on its way.
        var records = await Task.WhenAll(registered.Select(id => Eventually.Get(grains.GetGrain<IModelGrain>(id).Get, m => m!.Unit == Expected(id))));
        Assert.All(records, record => Assert.Equal(Expected(record!.Id), record.Unit));
        Assert.All(records.Where(r => evaluated.Contains(r!.Id)), record => Assert.Equal([new Evaluation(2024, true)], record!.Evaluations));

        // Every hamlet put under A, new or moved, is now under B, and one refused is where it was (or nowhere, if new).
        foreach (var hamlet in hamlets.Concat(placedInA))
        {
            Assert.Equal(tree.Code("B"), (await grains.GetGrain<IUnitGrain>(hamlet).GetInfo())!.Definition.ParentCode);
        }

        foreach (var hamlet in placed.Except(placedInA).Concat(leaving))
        {
            Assert.Equal(tree.Code("X"), (await grains.GetGrain<IUnitGrain>(hamlet).GetInfo())!.Definition.ParentCode);
        }

        foreach (var hamlet in refusedHamlets)
        {
            Assert.Null(await grains.GetGrain<IUnitGrain>(hamlet).GetInfo());
        }

        Assert.Equal(hamlets.Concat(placedInA).Order(StringComparer.Ordinal), (await grains.GetGrain<IUnitGrain>(tree.Code("B")).GetChildren()).Select(c => c.Code));
        Assert.Equal(placed.Except(placedInA).Concat(leaving).Order(StringComparer.Ordinal), (await grains.GetGrain<IUnitGrain>(tree.Code("X")).GetChildren()).Select(c => c.Code));
        Assert.Empty(await grains.GetGrain<IUnitGrain>(tree.Code("A")).GetChildren());
        var units = new[] { "P", "A", "B", "X" }.Select(tree.Code).Concat(placed).Concat(leaving).ToArray();
        Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(grains, units, ids));
        Assert.Equal(moved.Count + placed.Length - placedInA.Count + leaving.Length, (await tree.Summary(tree.Code("X"))).Total);
        Assert.Equal(registered.Length - moved.Count + placedInA.Count, (await tree.Summary(tree.Code("B"))).Total);
        Assert.Equal(registered.Length + placed.Length + leaving.Length, (await tree.Summary(tree.Code("P"))).Total);
        Assert.Equal(0, (await tree.Summary(tree.Code("A"))).Total);
        Assert.Equal(evaluated.Count, (await tree.Summary(tree.Code("P"))).Effective);
        return registeredWhileMerging > 0;
    }

    /// <summary>True when registered; false when refused because the unit had already been merged.</summary>
    private static async Task<bool> RegisterOrRefusedAsync(IGrainFactory grains, string id, string unit)
    {
        await Task.Yield();
        try
        {
            await grains.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, unit));
            return true;
        }
        catch (DvkException exception) when (exception.Problem == "retired-unit")
        {
            return false;
        }
    }
}

[Collection(ClusterCollection.Name)]
public sealed class MergeRaceTests(ClusterFixture fixture) : MergeRaces(fixture, countedBefore: 40);

[Collection(WriteBehindCollection.Name)]
public sealed class PushedMergeRaceTests(WriteBehindClusterFixture fixture) : MergeRaces(fixture, countedBefore: 200);
