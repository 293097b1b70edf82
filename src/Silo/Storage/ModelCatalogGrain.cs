using Orleans.Concurrency;

namespace DanVanKheo.Silo.Storage;

/// <summary>Serves pages of stored model records from whatever <see cref="IStoredModels"/> the storage provider offers.</summary>
[StatelessWorker]
public sealed class ModelCatalogGrain(IStoredModels models) : Grain, IModelCatalogGrain
{
    public const int MaxPage = 5000;

    public Task<ModelRecord[]> List(string afterId, int limit) =>
        models.ListAsync(afterId ?? "", Math.Clamp(limit, 1, MaxPage));
}

/// <summary>Every model record in grain storage, read page by page.</summary>
public interface IStoredModels
{
    Task<ModelRecord[]> ListAsync(string afterId, int limit);
}

/// <summary>In-memory storage cannot be listed: say so, and the client falls back to the unit grains' lists.</summary>
public sealed class UnlistableModels : IStoredModels
{
    public Task<ModelRecord[]> ListAsync(string afterId, int limit) =>
        throw new DvkException(IModelCatalogGrain.Unavailable, "in-memory storage cannot list stored models; run the silo with Storage__Provider=Postgres");
}
