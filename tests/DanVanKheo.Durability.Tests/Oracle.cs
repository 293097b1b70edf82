using DanVanKheo.Import.Synthetic;

namespace DanVanKheo.Durability.Tests;

/// <summary>What the system must hold after importing a synthetic data set, computed from the data alone.</summary>
public static class Oracle
{
    /// <summary>The record a model grain stores for <paramref name="input"/> (version and time aside).</summary>
    public static ModelRecord Record(ModelInput input)
    {
        input = Rules.Validate(input);
        return new ModelRecord(
            input.Id, input.Unit, input.Title, input.Field, input.Kind, input.Sponsor, input.Year, input.Levels,
            input.Evaluation is { } evaluation ? [evaluation] : [], input.Commendations, input.Exemplar, input.Status, 0, default);
    }

    /// <summary>Every unit's subtree tally, from the final record of each model.</summary>
    public static Dictionary<string, Tally> Tallies(SyntheticData data, IEnumerable<ModelRecord> finalRecords)
    {
        var own = data.Units.ToDictionary(u => u.Code, _ => new TallyBuilder(), StringComparer.Ordinal);
        foreach (var record in finalRecords)
        {
            own[record.Unit].Add(Contribution.Of(record), 1);
        }

        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var unit in data.Units.OrderByDescending(u => u.Level))
        {
            var sum = own[unit.Code];
            foreach (var child in data.Units.Where(c => c.ParentCode == unit.Code))
            {
                sum.Add(tallies[child.Code], 1);
            }

            tallies[unit.Code] = sum.ToTally();
        }

        return tallies;
    }
}
