namespace DanVanKheo.Tests;

/// <summary>
/// Recomputes what every unit's tally must be from the model records and the current tree, the way a
/// person with a spreadsheet would: each model counts at its unit and at every ancestor.
/// </summary>
public static class Oracle
{
    public static async Task<Dictionary<string, Tally>> ExpectedAsync(IGrainFactory grains, IReadOnlyCollection<string> units, IEnumerable<string> modelIds)
    {
        var parents = new Dictionary<string, string?>();
        foreach (var code in units)
        {
            var info = await grains.GetGrain<IUnitGrain>(code).GetInfo();
            parents[code] = info is null || info.IsRetired ? null : info.Definition.ParentCode;
        }

        var builders = units.ToDictionary(u => u, _ => new TallyBuilder());
        foreach (var id in modelIds)
        {
            var record = await grains.GetGrain<IModelGrain>(id).Get();
            if (record is null)
            {
                continue;
            }

            var contribution = Contribution.Of(record);
            for (string? code = record.Unit; code is not null && builders.TryGetValue(code, out var builder); code = parents[code])
            {
                builder.Add(contribution, 1);
            }
        }

        return builders.ToDictionary(b => b.Key, b => b.Value.ToTally());
    }

    /// <summary>Waits until every unit's live tally equals the oracle; returns the units that still differ.</summary>
    public static async Task<List<string>> DifferencesAfterQuiescenceAsync(
        IGrainFactory grains, IReadOnlyCollection<string> units, IReadOnlyCollection<string> modelIds, TimeSpan? timeout = null)
    {
        var expected = await ExpectedAsync(grains, units, modelIds);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var differing = new List<string>();
            foreach (var code in units)
            {
                var info = await grains.GetGrain<IUnitGrain>(code).GetInfo();
                var actual = info?.Tally ?? Tally.Empty;
                if (!actual.Equals(expected[code]))
                {
                    differing.Add($"{code}: expected {expected[code].Summarize().Total} active / {string.Join(',', expected[code].Summarize().Counters)}, actual {actual.Summarize().Total} / {string.Join(',', actual.Summarize().Counters)}");
                }
            }

            if (differing.Count == 0 || DateTime.UtcNow > deadline)
            {
                return differing;
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Fails naming every differing unit in full (Assert.Empty cuts each line short).</summary>
    public static void AssertNone(List<string> differences) =>
        Assert.True(differences.Count == 0, $"tallies differ from the models:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}");
}
