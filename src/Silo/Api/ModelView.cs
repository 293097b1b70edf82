namespace DanVanKheo.Silo.Api;

/// <summary>A model as the API returns it: enum values as the stable English codes of <see cref="Codes"/>.</summary>
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

    private static string[] Split(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record EvaluationView(int Year, bool Effective);

/// <summary>Body of <c>POST /api/models</c> and <c>PUT /api/models/{id}</c>.</summary>
public sealed record ModelBody
{
    /// <summary>Optional on POST (one is generated); ignored on PUT (the path names the model).</summary>
    public string? Id { get; init; }
    public string? Unit { get; init; }
    public string? Title { get; init; }
    public string? Field { get; init; }
    public string? Kind { get; init; }
    public string? Sponsor { get; init; }
    public int? Year { get; init; }
    public string[]? Levels { get; init; }
    public bool? Effective { get; init; }
    public int? EvaluationYear { get; init; }
    public string[]? Commended { get; init; }
    public bool? Exemplar { get; init; }
    public string? Status { get; init; }
}

/// <summary>Body of <c>PATCH /api/models/{id}</c>: fields left out stay as they are.</summary>
public sealed record ModelPatch
{
    public string? Unit { get; init; }
    public string? Title { get; init; }
    public string? Field { get; init; }
    public string? Kind { get; init; }
    public string? Sponsor { get; init; }
    public int? Year { get; init; }
    public string[]? Levels { get; init; }
}

public sealed record EvaluateBody(int? Year, bool? Effective);

public sealed record CommendBody(string? Level);
