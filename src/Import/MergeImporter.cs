using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import;

/// <summary>Applies a merge list one merge at a time, in file order; a refused merge is reported with its line and the rest go on.</summary>
public static class MergeImporter
{
    public static async Task<ImportReport> ImportAsync(
        IGrainFactory grains,
        IReadOnlyList<CsvRow<UnitMerge>> rows,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var batch = new ImportBatch<UnitMerge>(rows, progress);

        // One at a time: a later row may merge a survivor of an earlier one, and each merge moves a whole subtree.
        await batch.RunAsync(Screen(batch), merge => grains.GetGrain<IUnitGrain>(merge.Code).MergeInto(merge.Into), concurrency: 1, cancellationToken);
        return batch.Report();
    }

    /// <summary>The same screening, then the merges go a part at a time, in file order, to <paramref name="sendPart"/> (a bulk endpoint that applies them in order).</summary>
    public static Task<ImportReport> ImportInPartsAsync(
        IReadOnlyList<CsvRow<UnitMerge>> rows,
        Func<IReadOnlyList<CsvRow<UnitMerge>>, CancellationToken, Task<ImportPartResult>> sendPart,
        int rowsPerPart,
        Action<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        ImportBatch<UnitMerge>.InPartsAsync(rows, Screen, sendPart, rowsPerPart, progress, cancellationToken);

    // A unit merged twice in one list is a mistake in the list, whichever survivor was meant.
    private static List<CsvRow<UnitMerge>> Screen(ImportBatch<UnitMerge> batch) =>
        batch.Screen(m => m.Code, (code, first) => $"unit '{code}' is merged again (first at line {first}) / đơn vị bị sáp nhập hai lần");
}
