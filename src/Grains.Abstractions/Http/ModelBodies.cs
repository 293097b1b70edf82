namespace DanVanKheo.Http;

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

    public static ModelBody Of(ModelInput input) => new()
    {
        Id = input.Id,
        Unit = input.Unit,
        Title = input.Title,
        Field = input.Field.Code(),
        Kind = input.Kind.Code(),
        Sponsor = input.Sponsor,
        Year = input.Year,
        Levels = Codes.Format(input.Levels).Split(';', StringSplitOptions.RemoveEmptyEntries),
        Effective = input.Evaluation?.Effective,
        EvaluationYear = input.Evaluation?.Year,
        Commended = Codes.Format(input.Commendations) is "none" ? [] : Codes.Format(input.Commendations).Split(';'),
        Exemplar = input.Exemplar,
        Status = input.Status.Code(),
    };
}

/// <summary>Body of <c>PATCH /api/models/{id}</c>: fields left out (or null) stay as they are.</summary>
public sealed record ModelPatch
{
    public string? Unit { get; init; }
    public string? Title { get; init; }
    public string? Field { get; init; }
    public string? Kind { get; init; }
    public string? Sponsor { get; init; }
    public int? Year { get; init; }
    public string[]? Levels { get; init; }

    public static ModelPatch Of(ModelChanges changes) => new()
    {
        Unit = changes.Unit,
        Title = changes.Title,
        Field = changes.Field?.Code(),
        Kind = changes.Kind?.Code(),
        Sponsor = changes.Sponsor,
        Year = changes.Year,
        Levels = changes.Levels is { } levels ? Codes.Format(levels).Split(';', StringSplitOptions.RemoveEmptyEntries) : null,
    };
}

public sealed record EvaluateBody(int? Year, bool? Effective);

public sealed record CommendBody(string? Level);
