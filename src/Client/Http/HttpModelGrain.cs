using DanVanKheo.Http;

namespace DanVanKheo.Client.Http;

/// <summary><see cref="IModelGrain"/> over the HTTP API, so every <c>dvk models</c> command works with <c>--api</c>.</summary>
public sealed class HttpModelGrain(ApiClient api, string id) : IModelGrain
{
    private string Path => "api/models/" + Uri.EscapeDataString(id);

    public Task<ModelRecord> Register(ModelInput input) => Send(HttpMethod.Post, "api/models", ModelBody.Of(input));

    public Task<ModelRecord> Upsert(ModelInput input) => Send(HttpMethod.Put, Path, ModelBody.Of(input));

    public Task<ModelRecord> Update(ModelChanges changes) => Send(HttpMethod.Patch, Path, ModelPatch.Of(changes));

    public Task<ModelRecord> Evaluate(int year, bool effective) => Send(HttpMethod.Post, Path + "/evaluate", new EvaluateBody(year, effective));

    public Task<ModelRecord> SetExemplar(bool exemplar) =>
        exemplar ? Send(HttpMethod.Post, Path + "/exemplar", null)
        : throw new DvkException("not-over-api", "withdrawing exemplar status is not offered by the HTTP API");

    public Task<ModelRecord> Commend(Commendations level) => Send(HttpMethod.Post, Path + "/commend", new CommendBody(Codes.Format(level)));

    public Task<ModelRecord> Discontinue() => Send(HttpMethod.Post, Path + "/discontinue", null);

    public Task<ModelRecord> Reactivate() => Send(HttpMethod.Post, Path + "/reactivate", null);

    public Task<ModelRecord?> Resend() => Task.FromException<ModelRecord?>(HttpGrainFactory.NotOverApi());

    public Task<ModelRecord> MoveTo(string unitCode) => Send(HttpMethod.Patch, Path, new ModelPatch { Unit = unitCode });

    public Task<ModelRecord?> MoveFrom(string fromUnitCode, string unitCode) => Task.FromException<ModelRecord?>(HttpGrainFactory.NotOverApi());

    public async Task<ModelRecord?> Get() => (await api.SendAsync<ModelView>(HttpMethod.Get, Path, nullWhenNotFound: true))?.ToRecord();

    private async Task<ModelRecord> Send(HttpMethod method, string path, object? body) =>
        (await api.SendAsync<ModelView>(method, path, body))!.ToRecord();
}
