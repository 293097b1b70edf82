namespace DanVanKheo.Client.Http;

/// <summary>
/// <see cref="IUnitGrain"/> over the HTTP API: defining units (<c>dvk units import</c>) goes through
/// <c>PUT /api/units/{code}</c>; the roll-up calls are the grains' own business and are refused here.
/// </summary>
public sealed class HttpUnitGrain(ApiClient api, string code) : IUnitGrain
{
    public async Task<UnitInfo> Define(UnitDefinition definition)
    {
        await api.SendAsync<object>(HttpMethod.Put, "api/units/" + Uri.EscapeDataString(code), new
        {
            name = definition.Name,
            level = definition.Level.Code(),
            type = definition.Type,
            parent = definition.ParentCode,
        });
        return new UnitInfo(definition, Tally.Empty, DateTimeOffset.UtcNow, 0, 0, null);
    }

    public Task<UnitInfo?> GetInfo() => Refuse<UnitInfo?>();

    public Task<UnitStatus> GetStatus() => Refuse<UnitStatus>();

    public Task<ChildSummary[]> GetChildren() => Refuse<ChildSummary[]>();

    public Task<UnitInfo> MergeInto(string survivorCode) => Refuse<UnitInfo>();

    public Task<ReportAck> ReportModel(ModelReport report) => Refuse<ReportAck>();

    public Task<ReportAck> ReportChild(ChildReport report) => Refuse<ReportAck>();

    public Task<ReportAck> ReportChildDelta(ChildDelta report) => Refuse<ReportAck>();

    public Task PushChild(ChildReport report) => Refuse<bool>();

    public Task PushChildDelta(ChildDelta report) => Refuse<bool>();

    public Task ReportNotApplied(string parentCode, long version, ReportAck answer) => Refuse<bool>();

    public Task<string?> AttachChild(string code, string name, Level level) => Refuse<string?>();

    public Task FollowMerge(string mergedCode, string survivorCode) => Refuse<bool>();

    public Task DetachChild(string code) => Refuse<bool>();

    public Task EnsureNotAncestor(string code) => Refuse<bool>();

    public Task Subscribe(ITallyObserver observer) => Refuse<bool>();

    public Task Unsubscribe(ITallyObserver observer) => Refuse<bool>();

    public Task<RollupStats> GetStats() => Refuse<RollupStats>();

    public Task<OwnModel[]> GetModelEntries() => Refuse<OwnModel[]>();

    public Task<UnitInfo> Resync() => Refuse<UnitInfo>();

    private static Task<T> Refuse<T>() => Task.FromException<T>(HttpGrainFactory.NotOverApi());
}
