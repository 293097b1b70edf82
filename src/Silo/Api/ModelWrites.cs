using System.Security.Claims;
using DanVanKheo.Silo.Audit;
using DanVanKheo.Silo.Security;

namespace DanVanKheo.Silo.Api;

/// <summary>Every model write: scope check on the unit before and after, the grain call, the audit entry.</summary>
public sealed class ModelWrites(IHttpContextAccessor http, IGrainFactory grains, ScopeGuard guard, AuditTrail audit)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<ModelView> RegisterAsync(ModelInput input)
    {
        await guard.EnsureCanWriteAsync(User, input.Unit);
        var model = grains.GetGrain<IModelGrain>(input.Id);
        var before = await model.Get();
        if (before is not null)
        {
            await guard.EnsureCanWriteAsync(User, before.Unit);
        }

        var after = await model.Register(input);
        return await RecordAsync("model.register", before, after);
    }

    public async Task<ModelView> UpsertAsync(ModelInput input)
    {
        await guard.EnsureCanWriteAsync(User, input.Unit);
        var model = grains.GetGrain<IModelGrain>(input.Id);
        var before = await model.Get();
        if (before is not null)
        {
            await guard.EnsureCanWriteAsync(User, before.Unit);
        }

        var after = await model.Upsert(input);
        return await RecordAsync(before is null ? "model.create" : "model.replace", before, after);
    }

    public async Task<ModelView> UpdateAsync(string id, ModelChanges changes)
    {
        if (changes.Unit is { } target)
        {
            await guard.EnsureCanWriteAsync(User, target);
        }

        return await ChangeAsync(id, "model.update", m => m.Update(changes));
    }

    public async Task<ModelView> ChangeAsync(string id, string action, Func<IModelGrain, Task<ModelRecord>> change)
    {
        id = Rules.NormalizeModelId(id);
        var model = grains.GetGrain<IModelGrain>(id);
        var before = await model.Get() ?? throw DvkException.NotFound("model", id);
        await guard.EnsureCanWriteAsync(User, before.Unit);
        var after = await change(model);
        return await RecordAsync(action, before, after);
    }

    private async Task<ModelView> RecordAsync(string action, ModelRecord? before, ModelRecord after)
    {
        var view = ModelView.Of(after);
        if (before is null || !before.SameFacts(after))
        {
            await audit.RecordAsync(User, action, after.Unit, after.Id, before is null ? null : ModelView.Of(before), view, before?.Unit);
        }

        return view;
    }
}
