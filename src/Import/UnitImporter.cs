using System.Collections.Concurrent;
using System.Diagnostics;
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
        var stopwatch = Stopwatch.StartNew();
        var rejected = new ConcurrentBag<(int, string)>();
        foreach (var bad in rows.Where(r => r.Error is not null))
        {
            rejected.Add((bad.Line, bad.Error!));
            progress?.Invoke(1);
        }

        var stored = 0;
        foreach (var level in rows.Where(r => r.Value is not null).GroupBy(r => r.Value!.Level).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(
                level,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (row, ct) =>
                {
                    try
                    {
                        await Retry.RunAsync(() => grains.GetGrain<IUnitGrain>(row.Value!.Code).Define(row.Value), cancellationToken: ct);
                        Interlocked.Increment(ref stored);
                    }
                    catch (DvkException exception)
                    {
                        rejected.Add((row.Line, exception.Message));
                    }

                    progress?.Invoke(1);
                });
        }

        return new ImportReport(rows.Count, stored, [.. rejected.OrderBy(r => r.Item1)], stopwatch.Elapsed);
    }
}
