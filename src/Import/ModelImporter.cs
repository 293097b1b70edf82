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
        await batch.RunAsync(Screen(batch), model => grains.GetGrain<IModelGrain>(model.Id).Upsert(model), concurrency, cancellationToken);
        return batch.Report();
    }

    /// <summary>
    /// The same screening, then the rows go a part at a time to <paramref name="sendPart"/>: a bulk endpoint such as the
    /// HTTP API's CSV import, which stores a part in one request. Parts go in file order, one after the other, so a
    /// model repeated across parts cannot race (it is refused in the file before any part is sent).
    /// </summary>
    public static Task<ImportReport> ImportInPartsAsync(
        IReadOnlyList<CsvRow<ModelInput>> rows,
        Func<IReadOnlyList<CsvRow<ModelInput>>, CancellationToken, Task<ImportPartResult>> sendPart,
        int rowsPerPart,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        ImportBatch<ModelInput>.InPartsAsync(rows, Screen, sendPart, rowsPerPart, progress, cancellationToken);

    private static List<CsvRow<ModelInput>> Screen(ImportBatch<ModelInput> batch) =>
        batch.Screen(m => m.Id, (id, first) => $"model id '{id}' appears again (first at line {first}) / trùng mã mô hình");
}
