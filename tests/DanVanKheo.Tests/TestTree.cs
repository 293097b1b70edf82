namespace DanVanKheo.Tests;

/// <summary>Builds small hierarchies with codes no other test uses.</summary>
public sealed class TestTree(IGrainFactory grains)
{
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..8];

    public string Code(string local) => $"{Prefix}-{local}";

    public Task<UnitInfo> Unit(string local, Level level, string? parentLocal, string? name = null) =>
        grains.GetGrain<IUnitGrain>(Code(local)).Define(
            new UnitDefinition(Code(local), name ?? $"Đơn vị {local}", level, "Thử", parentLocal is null ? null : Code(parentLocal)));

    public static ModelInput Model(string id, string unit, Field field = Field.Economy, ModelKind kind = ModelKind.Collective, int year = 2020) =>
        new(id, unit, $"Mô hình {id}", field, kind, "Hội Nông dân", year, RegistrationLevels.Commune);

    public Task<TallySummary> Summary(string code, int? from = null, int? to = null) =>
        grains.GetGrain<IUnitGrain>(code).GetInfo().ContinueWith(t => t.Result!.Tally.Summarize(from, to), TaskScheduler.Default);

    public Task<Tally> Tally(string code) =>
        grains.GetGrain<IUnitGrain>(code).GetInfo().ContinueWith(t => t.Result!.Tally, TaskScheduler.Default);
}
