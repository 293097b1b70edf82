namespace DanVanKheo.Client.Http;

/// <summary>
/// <see cref="IUnitGrain"/> over the HTTP API: defining units (<c>dvk units import</c>) goes through
/// <c>PUT /api/units/{code}</c>, merging (<c>dvk units merge</c>) through <c>POST /api/units/{code}/merge</c>; the roll-up
/// calls are the grains' own business and are refused here.
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

    public async Task<UnitInfo> MergeInto(string survivorCode)
    {
        var view = await api.SendAsync<MergedView>(HttpMethod.Post, $"api/units/{Uri.EscapeDataString(code)}/merge", new { into = survivorCode })
            ?? throw new DvkException("bad-response", $"the API sent no body for the merge of '{code}'");
        var level = Codes.TryParseLevel(view.Level, out var parsed) ? parsed : throw new DvkException("bad-response", $"the API named level '{view.Level}'");
        return new UnitInfo(new UnitDefinition(view.Code, view.Name, level, view.Type, view.Parent), Tally.Empty, DateTimeOffset.UtcNow, 0, 0, view.MergedInto);
    }

    public Task<UnitInfo> AcceptMerge(string mergedCode, Level level) => Refuse<UnitInfo>();

    public ValueTask<ReportAck> ReportModel(ModelReport report) => new(Refuse<ReportAck>());

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

    /// <summary>The part of the API's unit view that a merge's answer needs.</summary>
    private sealed record MergedView(string Code, string Name, string Level, string Type, string? Parent, string? MergedInto);

    private static Task<T> Refuse<T>() => Task.FromException<T>(HttpGrainFactory.NotOverApi());
}
