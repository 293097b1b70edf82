using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import;

/// <summary>Creates or replaces models by id, many at a time; a second import of the same file changes nothing.</summary>
public static class ModelImporter
{
    public static async Task<ImportReport> ImportAsync(
        IGrainFactory grains,
        IReadOnlyList<CsvRow<ModelInput>> rows,
        Action<int>? progress = null,
        int concurrency = 256,
        CancellationToken cancellationToken = default)
    {
        var batch = new ImportBatch<ModelInput>(rows, progress);
        var valid = batch.Screen(m => m.Id, (id, first) => $"model id '{id}' appears again (first at line {first}) / trùng mã mô hình");
        await batch.RunAsync(valid, model => grains.GetGrain<IModelGrain>(model.Id).Upsert(model), concurrency, cancellationToken);
        return batch.Report();
    }
}
