namespace DanVanKheo.Client.Http;

/// <summary><see cref="IModelGrain"/> over the HTTP API, so every <c>dvk models</c> command works with <c>--api</c>.</summary>
public sealed class HttpModelGrain(ApiClient api, string id) : IModelGrain
{
    private string Path => "api/models/" + Uri.EscapeDataString(id);

    public Task<ModelRecord> Register(ModelInput input) => Send(HttpMethod.Post, "api/models", ApiModel.Body(input));

    public Task<ModelRecord> Upsert(ModelInput input) => Send(HttpMethod.Put, Path, ApiModel.Body(input));

    public Task<ModelRecord> Update(ModelChanges changes) => Send(HttpMethod.Patch, Path, new
    {
        unit = changes.Unit,
        title = changes.Title,
        field = changes.Field?.Code(),
        kind = changes.Kind?.Code(),
        sponsor = changes.Sponsor,
        year = changes.Year,
        levels = changes.Levels is { } levels ? Codes.Format(levels).Split(';', StringSplitOptions.RemoveEmptyEntries) : null,
    });

    public Task<ModelRecord> Evaluate(int year, bool effective) => Send(HttpMethod.Post, Path + "/evaluate", new { year, effective });

    public Task<ModelRecord> SetExemplar(bool exemplar) =>
        exemplar ? Send(HttpMethod.Post, Path + "/exemplar", null)
        : throw new DvkException("not-over-api", "withdrawing exemplar status is not offered by the HTTP API");

    public Task<ModelRecord> Commend(Commendations level) => Send(HttpMethod.Post, Path + "/commend", new { level = Codes.Format(level) });

    public Task<ModelRecord> Discontinue() => Send(HttpMethod.Post, Path + "/discontinue", null);

    public Task<ModelRecord> Reactivate() => Send(HttpMethod.Post, Path + "/reactivate", null);

    public Task<ModelRecord?> Resend() => Task.FromException<ModelRecord?>(HttpGrainFactory.NotOverApi());

    public Task<ModelRecord> MoveTo(string unitCode) => Send(HttpMethod.Patch, Path, new { unit = unitCode });

    public async Task<ModelRecord?> Get() => (await api.SendAsync<ApiModel>(HttpMethod.Get, Path, nullWhenNotFound: true))?.ToRecord();

    private async Task<ModelRecord> Send(HttpMethod method, string path, object? body) =>
        (await api.SendAsync<ApiModel>(method, path, body))!.ToRecord();
}
