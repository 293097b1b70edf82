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
        // Levels are imported in order, so without refusing repeats the later row could win.
        var valid = batch.Screen(u => u.Code, (code, first) => $"code '{code}' appears again (first at line {first}) / trùng mã đơn vị");
        foreach (var level in valid.GroupBy(r => r.Value!.Level).OrderBy(g => g.Key))
        {
            await batch.RunAsync(level, unit => grains.GetGrain<IUnitGrain>(unit.Code).Define(unit), concurrency, cancellationToken);
        }

        return batch.Report();
    }
}
