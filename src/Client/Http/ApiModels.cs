namespace DanVanKheo.Client.Http;

/// <summary>The API's JSON for a model (see the silo's <c>ModelView</c>), turned back into the domain record.</summary>
public sealed record ApiModel(
    string Id,
    string Unit,
    string Title,
    string Field,
    string Kind,
    string Sponsor,
    int Year,
    string[] Levels,
    ApiEvaluation[] Evaluations,
    string[] Commended,
    bool Exemplar,
    string Status,
    long Version,
    DateTimeOffset UpdatedAt)
{
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

    /// <summary>The body of <c>POST /api/models</c> and <c>PUT /api/models/{id}</c>.</summary>
    public static object Body(ModelInput input) => new
    {
        id = input.Id,
        unit = input.Unit,
        title = input.Title,
        field = input.Field.Code(),
        kind = input.Kind.Code(),
        sponsor = input.Sponsor,
        year = input.Year,
        levels = Codes.Format(input.Levels).Split(';', StringSplitOptions.RemoveEmptyEntries),
        effective = input.Evaluation?.Effective,
        evaluationYear = input.Evaluation?.Year,
        commended = Codes.Format(input.Commendations) is "none" ? [] : Codes.Format(input.Commendations).Split(';'),
        exemplar = input.Exemplar,
        status = input.Status.Code(),
    };
}

public sealed record ApiEvaluation(int Year, bool Effective);
