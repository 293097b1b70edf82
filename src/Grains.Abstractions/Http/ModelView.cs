namespace DanVanKheo.Http;

/// <summary>
/// A model as the HTTP API returns it: enum values as the stable English codes of <see cref="Codes"/>.
/// Shared by the silo, which writes it, and <c>dvk --api</c>, which reads it back into the domain record.
/// </summary>
public sealed record ModelView(
    string Id,
    string Unit,
    string Title,
    string Field,
    string Kind,
    string Sponsor,
    int Year,
    string[] Levels,
    EvaluationView[] Evaluations,
    string[] Commended,
    bool Exemplar,
    string Status,
    long Version,
    DateTimeOffset UpdatedAt)
{
    public static ModelView Of(ModelRecord m) => new(
        m.Id,
        m.Unit,
        m.Title,
        m.Field.Code(),
        m.Kind.Code(),
        m.Sponsor,
        m.Year,
        Split(Codes.Format(m.Levels)),
        [.. m.Evaluations.Select(e => new EvaluationView(e.Year, e.Effective))],
        Split(Codes.Format(m.Commendations) is "none" ? "" : Codes.Format(m.Commendations)),
        m.IsExemplar,
        m.Status.Code(),
        m.Version,
        m.UpdatedAt);

    /// <summary>The domain record again; the codes came from <see cref="Of"/>, so they parse.</summary>
    public ModelRecord ToRecord()
    {
        Codes.TryParseField(Field, out var field);
        Codes.TryParseKind(Kind, out var kind);
        Codes.TryParseStatus(Status, out var status);
        Codes.TryParseRegistrationLevels(string.Join(';', Levels), out var levels);
        Codes.TryParseCommendations(string.Join(';', Commended), out var commendations);
        return new ModelRecord(
            Id, Unit, Title, field, kind, Sponsor, Year, levels,
            [.. Evaluations.Select(e => new Evaluation(e.Year, e.Effective))],
            commendations, Exemplar, status, Version, UpdatedAt);
    }

    private static string[] Split(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record EvaluationView(int Year, bool Effective);
