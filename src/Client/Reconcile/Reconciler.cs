namespace DanVanKheo.Client.Reconcile;

/// <summary>One way in which what a unit holds differs from what the stored model records say it should hold.</summary>
public sealed record Difference(string Unit, string? ModelId, string Description);

/// <summary>
/// Recomputes every tally of a subtree from the stored model records and compares, unit by unit: the models a
/// unit counts (id, version, contribution) and its subtree tally. Repair re-sends what is missing or stale:
/// models re-report to their unit, wrong entries are overwritten, and units whose tally is wrong re-report upward.
/// </summary>
public static class Reconciler
{
    public sealed record Result(IReadOnlyList<Difference> Differences, int Units, int Models, bool FromStorage);

    public static async Task<Result> CheckAsync(IGrainFactory grains, string root, int concurrency, CancellationToken cancellationToken)
    {
        var tree = await UnitTree.LoadAsync(grains, root, concurrency, cancellationToken);
        var (all, fromStorage) = await StoredModelSource.LoadAsync(grains, tree, concurrency, cancellationToken);
        var differences = new List<Difference>();
        var expectedOwn = tree.Units.Keys.ToDictionary(c => c, _ => new Dictionary<string, ModelRecord>(StringComparer.Ordinal), StringComparer.Ordinal);
        var models = 0;
        foreach (var record in all)
        {
            if (expectedOwn.TryGetValue(record.Unit, out var own))
            {
                own[record.Id] = record;
                models++;
            }
            else if (root == Rules.NationalCode && Contribution.Of(record).Mask != 0)
            {
                differences.Add(new(record.Unit, record.Id, $"model is stored under unit '{record.Unit}', which is not in the tree"));
            }
        }

        var held = new Dictionary<string, OwnModel[]>(StringComparer.Ordinal);
        var codes = tree.Units.Keys.ToArray();
        var entries = new OwnModel[codes.Length][];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, codes.Length),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) => entries[i] = await Import.Retry.RunAsync(grains.GetGrain<IUnitGrain>(codes[i]).GetModelEntries, cancellationToken: cancellationToken));
        for (var i = 0; i < codes.Length; i++)
        {
            held[codes[i]] = entries[i];
        }

        var expectedTally = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var code in tree.BottomUp())
        {
            var sum = new TallyBuilder();
            foreach (var record in expectedOwn[code].Values)
            {
                sum.Add(Contribution.Of(record), 1);
            }

            foreach (var child in tree.Children[code])
            {
                sum.Add(expectedTally[child], 1);
            }

            var expected = sum.ToTally();
            expectedTally[code] = expected;
            CompareModels(code, expectedOwn[code], held[code], differences);
            if (!expected.Equals(tree.Units[code].Tally))
            {
                differences.Add(new(code, null, DescribeTally(tree.Units[code].Tally, expected)));
            }
        }

        return new Result(differences, tree.Units.Count, models, fromStorage);
    }

    /// <summary>Fixes what <paramref name="found"/> lists; the caller checks again once the roll-up has settled.</summary>
    public static async Task RepairAsync(IGrainFactory grains, IReadOnlyList<Difference> found, int concurrency, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        var modelFixes = found.Where(d => d.ModelId is not null).ToArray();
        await Parallel.ForEachAsync(modelFixes, options, async (difference, _) =>
        {
            var model = grains.GetGrain<IModelGrain>(difference.ModelId!);
            var record = await Import.Retry.RunAsync(model.Get, cancellationToken: cancellationToken);
            if (record is not null && record.Unit == difference.Unit)
            {
                await Import.Retry.RunAsync(model.Resend, cancellationToken: cancellationToken);
                return;
            }

            // The unit counts a model that is not (or no longer) its own: withdraw it under the model's current
            // version, which is newer than any report the model sent while it belonged here.
            var unit = grains.GetGrain<IUnitGrain>(difference.Unit);
            var held = (await Import.Retry.RunAsync(unit.GetModelEntries, cancellationToken: cancellationToken)).FirstOrDefault(m => m.Id == difference.ModelId);
            if (held is not null)
            {
                var version = Math.Max(record?.Version ?? 0, held.Version + 1);
                await Import.Retry.RunAsync(() => unit.ReportModel(new ModelReport(held.Id, version, Contribution.None)).AsTask(), cancellationToken: cancellationToken);
            }

            if (record is not null)
            {
                await Import.Retry.RunAsync(model.Resend, cancellationToken: cancellationToken);
            }
        });

        // Deepest first, so that each parent hears its children's corrected tallies.
        foreach (var code in found.Where(d => d.ModelId is null).Select(d => d.Unit).Distinct())
        {
            await Import.Retry.RunAsync(grains.GetGrain<IUnitGrain>(code).Resync, cancellationToken: cancellationToken);
        }
    }

    private static void CompareModels(string code, Dictionary<string, ModelRecord> expected, OwnModel[] held, List<Difference> differences)
    {
        var heldById = held.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var record in expected.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var contribution = Contribution.Of(record);
            if (!heldById.TryGetValue(record.Id, out var entry))
            {
                if (contribution.Mask != 0)
                {
                    differences.Add(new(code, record.Id, $"stored model (version {record.Version}) is not counted by its unit"));
                }
            }
            else if (entry.Contribution != contribution)
            {
                differences.Add(new(code, record.Id, $"unit counts version {entry.Version} of the model, stored record is version {record.Version} with other counts"));
            }
        }

        foreach (var entry in held.Where(m => !expected.ContainsKey(m.Id)))
        {
            differences.Add(new(code, entry.Id, $"unit counts a model (version {entry.Version}) whose stored record is not in this unit"));
        }
    }

    private static string DescribeTally(Tally actual, Tally expected)
    {
        var a = actual.Summarize();
        var e = expected.Summarize();
        var parts = new List<string>();
        for (var c = 0; c < Counter.Count; c++)
        {
            if (a.Counters[c] != e.Counters[c])
            {
                parts.Add($"counter {c}: {a.Counters[c]} instead of {e.Counters[c]}");
            }
        }

        if (parts.Count == 0)
        {
            parts.Add("same totals, different registration years");
        }

        return $"tally differs (active {a.Total}, expected {e.Total}): {string.Join("; ", parts)}";
    }
}
