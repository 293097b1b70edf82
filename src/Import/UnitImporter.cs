using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import;

/// <summary>Defines units level by level (parents before children), many at a time within a level.</summary>
public static class UnitImporter
{
    public static async Task<ImportReport> ImportAsync(
        IGrainFactory grains,
        IReadOnlyList<CsvRow<UnitDefinition>> rows,
        Action<int>? progress = null,
        int concurrency = 64,
        CancellationToken cancellationToken = default)
    {
        var batch = new ImportBatch<UnitDefinition>(rows, progress);
        foreach (var level in Screen(batch).GroupBy(r => r.Value!.Level).OrderBy(g => g.Key))
        {
            await batch.RunAsync(level, unit => grains.GetGrain<IUnitGrain>(unit.Code).Define(unit), concurrency, cancellationToken);
        }

        return batch.Report();
    }

    /// <summary>
    /// The same screening, then the rows go a part at a time to <paramref name="sendPart"/> (a bulk endpoint), parents'
    /// levels first, so that a unit's parent is defined in an earlier part or in the same one.
    /// </summary>
    public static Task<ImportReport> ImportInPartsAsync(
        IReadOnlyList<CsvRow<UnitDefinition>> rows,
        Func<IReadOnlyList<CsvRow<UnitDefinition>>, CancellationToken, Task<ImportPartResult>> sendPart,
        int rowsPerPart,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        ImportBatch<UnitDefinition>.InPartsAsync(rows, batch => Screen(batch).OrderBy(r => r.Value!.Level), sendPart, rowsPerPart, progress, cancellationToken);

    // Levels are imported in order, so without refusing repeats the later row could win.
    private static List<CsvRow<UnitDefinition>> Screen(ImportBatch<UnitDefinition> batch) =>
        batch.Screen(u => u.Code, (code, first) => $"code '{code}' appears again (first at line {first}) / trùng mã đơn vị");
}
