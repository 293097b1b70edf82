namespace DanVanKheo.Client.Reconcile;

/// <summary>
/// Where reconcile and export get the model records. Preferably straight from grain storage
/// (<see cref="IModelCatalogGrain"/>), which does not depend on what unit grains think they hold, so a report that
/// never reached its unit is still found. In-memory storage cannot be listed: then the unit grains' own model lists
/// are used, which can show wrong tallies but not a model missing from its unit's list.
/// </summary>
public static class StoredModelSource
{
    public const int PageSize = 2000;

    public static async Task<(IReadOnlyList<ModelRecord> Models, bool FromStorage)> LoadAsync(
        IGrainFactory grains, UnitTree tree, int concurrency, CancellationToken cancellationToken)
    {
        var catalog = grains.GetGrain<IModelCatalogGrain>(0);
        var models = new List<ModelRecord>();
        var after = "";
        try
        {
            while (true)
            {
                var page = await Import.Retry.RunAsync(() => catalog.List(after, PageSize), cancellationToken: cancellationToken);
                models.AddRange(page);
                if (page.Length < PageSize)
                {
                    return (models, true);
                }

                after = page[^1].Id;
            }
        }
        catch (DvkException exception) when (exception.Problem == IModelCatalogGrain.Unavailable)
        {
            return (await FromUnitListsAsync(grains, tree, concurrency, cancellationToken), false);
        }
    }

    private static async Task<IReadOnlyList<ModelRecord>> FromUnitListsAsync(IGrainFactory grains, UnitTree tree, int concurrency, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var code in tree.Units.Keys)
        {
            ids.AddRange((await Import.Retry.RunAsync(grains.GetGrain<IUnitGrain>(code).GetModelEntries, cancellationToken: cancellationToken)).Select(m => m.Id));
        }

        var records = new ModelRecord?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) => records[i] = await Import.Retry.RunAsync(grains.GetGrain<IModelGrain>(ids[i]).Get, cancellationToken: cancellationToken));
        return [.. records.OfType<ModelRecord>().Where(m => tree.Units.ContainsKey(m.Unit)).OrderBy(m => m.Id, StringComparer.Ordinal)];
    }
}
