namespace DanVanKheo;

/// <summary>
/// One "Dân vận khéo" model, keyed by its id. Every change is stored before the call returns and then
/// reported to the owner unit; calls are idempotent, so a client may retry any of them.
/// </summary>
[Alias("dvk.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Creates the model. Repeating it with the same input is a no-op; different input for an existing id is refused.</summary>
    [Alias("Register")]
    Task<ModelRecord> Register(ModelInput input);

    /// <summary>Creates the model or replaces every field with <paramref name="input"/> (import).</summary>
    [Alias("Upsert")]
    Task<ModelRecord> Upsert(ModelInput input);

    /// <summary>Changes the descriptive fields; the model must exist and be active.</summary>
    [Alias("Update")]
    Task<ModelRecord> Update(ModelChanges changes);

    [Alias("Evaluate")]
    Task<ModelRecord> Evaluate(int year, bool effective);

    [Alias("SetExemplar")]
    Task<ModelRecord> SetExemplar(bool exemplar);

    [Alias("Commend")]
    Task<ModelRecord> Commend(Commendations level);

    [Alias("Discontinue")]
    Task<ModelRecord> Discontinue();

    [Alias("Reactivate")]
    Task<ModelRecord> Reactivate();

    /// <summary>Moves the model to another unit (used when units merge).</summary>
    [Alias("MoveTo")]
    Task<ModelRecord> MoveTo(string unitCode);

    /// <summary>
    /// Moves the model to <paramref name="unitCode"/> only if it is still in <paramref name="fromUnitCode"/> (a merge
    /// moving its models out); a model moved elsewhere meanwhile stays where it is. Null when there is no such model.
    /// </summary>
    [Alias("MoveFrom")]
    Task<ModelRecord?> MoveFrom(string fromUnitCode, string unitCode);

    [Alias("Get")]
    Task<ModelRecord?> Get();

    /// <summary>Re-sends the current version to the owner unit (and a removal to a unit it left); reconcile --repair.</summary>
    [Alias("Resend")]
    Task<ModelRecord?> Resend();
}

/// <summary>Fields to change; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("dvk.ModelChanges")]
public sealed record ModelChanges
{
    [Id(0)] public string? Title { get; init; }
    [Id(1)] public Field? Field { get; init; }
    [Id(2)] public ModelKind? Kind { get; init; }
    [Id(3)] public string? Sponsor { get; init; }
    [Id(4)] public int? Year { get; init; }
    [Id(5)] public RegistrationLevels? Levels { get; init; }
    [Id(6)] public string? Unit { get; init; }
}
