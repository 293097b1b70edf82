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
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<CsvRow<UnitDefinition>>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                rejected.Add((row.Line, row.Error));
                progress?.Invoke(1);
            }
            else if (!firstLine.TryAdd(row.Value!.Code, row.Line))
            {
                // Levels are imported in order, so without this the later row could win.
                rejected.Add((row.Line, $"code '{row.Value.Code}' appears again (first at line {firstLine[row.Value.Code]}) / trùng mã đơn vị"));
                progress?.Invoke(1);
            }
            else
            {
                valid.Add(row);
            }
        }

        var stored = 0;
        foreach (var level in valid.GroupBy(r => r.Value!.Level).OrderBy(g => g.Key))
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
