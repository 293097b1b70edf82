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
        // A unit merged twice in one list is a mistake in the list, whichever survivor was meant.
        var valid = batch.Screen(m => m.Code, (code, first) => $"unit '{code}' is merged again (first at line {first}) / đơn vị bị sáp nhập hai lần");

        // One at a time: a later row may merge a survivor of an earlier one, and each merge moves a whole subtree.
        await batch.RunAsync(valid, merge => grains.GetGrain<IUnitGrain>(merge.Code).MergeInto(merge.Into), concurrency: 1, cancellationToken);
        return batch.Report();
    }
}
