using System.Text.Json.Serialization;

namespace DanVanKheo;

/// <summary>
/// The JSON shape of a unit's tally, shared by <c>dvk tally --json</c> and <c>GET /api/units/{code}/tally</c>.
/// Keys are the stable English codes; numbers are counts of models.
/// </summary>
public sealed record TallyDocument
{
    [JsonPropertyName("unit")] public required string Unit { get; init; }
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("level")] public required string Level { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    [JsonPropertyName("from")] public int? From { get; init; }
    [JsonPropertyName("to")] public int? To { get; init; }
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("byField")] public required Dictionary<string, int> ByField { get; init; }
    [JsonPropertyName("byKind")] public required Dictionary<string, int> ByKind { get; init; }
    [JsonPropertyName("effective")] public int Effective { get; init; }
    [JsonPropertyName("evaluated")] public int Evaluated { get; init; }
    [JsonPropertyName("exemplars")] public int Exemplars { get; init; }
    [JsonPropertyName("exemplarsByKind")] public required Dictionary<string, int> ExemplarsByKind { get; init; }
    [JsonPropertyName("commended")] public required Dictionary<string, int> Commended { get; init; }
    [JsonPropertyName("commendedByKind")] public required Dictionary<string, Dictionary<string, int>> CommendedByKind { get; init; }
    [JsonPropertyName("byRegistrationLevel")] public required Dictionary<string, int> ByRegistrationLevel { get; init; }
    [JsonPropertyName("discontinued")] public int Discontinued { get; init; }
    [JsonPropertyName("mergedInto")] public string? MergedInto { get; init; }
    [JsonPropertyName("asOf")] public DateTimeOffset AsOf { get; init; }

    public static TallyDocument Of(UnitInfo info, int? from = null, int? to = null)
    {
        var s = info.Tally.Summarize(from, to);
        var kinds = Enum.GetValues<ModelKind>();
        return new TallyDocument
        {
            Unit = info.Code,
            Name = info.Definition.Name,
            Level = info.Definition.Level.Code(),
            Type = info.Definition.Type,
            Parent = info.Definition.ParentCode,
            From = from,
            To = to,
            Total = s.Total,
            ByField = Enum.GetValues<Field>().ToDictionary(f => f.Code(), s.ByField),
            ByKind = kinds.ToDictionary(k => k.Code(), s.ByKind),
            Effective = s.Effective,
            Evaluated = s.Evaluated,
            Exemplars = s.Exemplars,
            ExemplarsByKind = kinds.ToDictionary(k => k.Code(), s.ExemplarsOfKind),
            Commended = Enumerable.Range(0, 4).ToDictionary(i => Codes.AwardLevelCodes[i], s.Commended),
            CommendedByKind = Enumerable.Range(0, 4).ToDictionary(
                i => Codes.AwardLevelCodes[i],
                i => kinds.ToDictionary(k => k.Code(), k => s.CommendedOfKind(i, k))),
            ByRegistrationLevel = new Dictionary<string, int>
            {
                ["commune"] = s.RegisteredAt(0),
                ["district"] = s.RegisteredAt(1),
                ["province"] = s.RegisteredAt(2),
                ["allThree"] = s.RegisteredAtAllThree,
            },
            Discontinued = s.Discontinued,
            MergedInto = info.MergedInto,
            AsOf = info.AsOf,
        };
    }
}
