namespace DanVanKheo;

/// <summary>The result of one yearly evaluation: effective and spreading (hiệu quả, có sức lan tỏa) or not.</summary>
[GenerateSerializer, Immutable, Alias("dvk.Evaluation")]
public readonly record struct Evaluation([property: Id(0)] int Year, [property: Id(1)] bool Effective);

/// <summary>
/// The fields a commission enters for a model: the input of register, update and import. Limits are in
/// <see cref="ModelRules"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.ModelInput")]
public sealed record ModelInput(
    [property: Id(0)] string Id,
    [property: Id(1)] string Unit,
    [property: Id(2)] string Title,
    [property: Id(3)] Field Field,
    [property: Id(4)] ModelKind Kind,
    [property: Id(5)] string Sponsor,
    [property: Id(6)] int Year,
    [property: Id(7)] RegistrationLevels Levels)
{
    /// <summary>Latest evaluation, if the import or the form carries one.</summary>
    [Id(8)]
    public Evaluation? Evaluation { get; init; }

    [Id(9)]
    public Commendations Commendations { get; init; }

    /// <summary>Recognised as an exemplar (điển hình); implied by any commendation.</summary>
    [Id(10)]
    public bool Exemplar { get; init; }

    [Id(11)]
    public ModelStatus Status { get; init; }
}

/// <summary>A model as stored, with its version (bumped by every change that was stored).</summary>
[GenerateSerializer, Immutable, Alias("dvk.ModelRecord")]
public sealed record ModelRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Unit,
    [property: Id(2)] string Title,
    [property: Id(3)] Field Field,
    [property: Id(4)] ModelKind Kind,
    [property: Id(5)] string Sponsor,
    [property: Id(6)] int Year,
    [property: Id(7)] RegistrationLevels Levels,
    [property: Id(8)] Evaluation[] Evaluations,
    [property: Id(9)] Commendations Commendations,
    [property: Id(10)] bool ExemplarRecognised,
    [property: Id(11)] ModelStatus Status,
    [property: Id(12)] long Version,
    [property: Id(13)] DateTimeOffset UpdatedAt)
{
    public Evaluation? LatestEvaluation => Evaluations.Length == 0 ? null : Evaluations[^1];

    public bool IsExemplar => ExemplarRecognised || Commendations != Commendations.None;

    /// <summary>True when the two records hold the same facts (version and time aside).</summary>
    public bool SameFacts(ModelRecord other) =>
        this with { Version = 0, UpdatedAt = default, Evaluations = [] } == other with { Version = 0, UpdatedAt = default, Evaluations = [] }
        && Evaluations.AsSpan().SequenceEqual(other.Evaluations);
}
