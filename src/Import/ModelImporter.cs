using System.Collections.Concurrent;
using System.Diagnostics;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import;

/// <summary>Creates or replaces models by id, many at a time; a second import of the same file changes nothing.</summary>
public static class ModelImporter
{
    public static async Task<ImportReport> ImportAsync(
        IGrainFactory grains,
        IReadOnlyList<CsvRow<ModelInput>> rows,
        Action<int>? progress = null,
        int concurrency = 64,
        CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var rejected = new ConcurrentBag<(int, string)>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<CsvRow<ModelInput>>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                rejected.Add((row.Line, row.Error));
                progress?.Invoke(1);
            }
            else if (!firstLine.TryAdd(row.Value!.Id, row.Line))
            {
                rejected.Add((row.Line, $"model id '{row.Value.Id}' appears again (first at line {firstLine[row.Value.Id]}) / trùng mã mô hình"));
                progress?.Invoke(1);
            }
            else
            {
                valid.Add(row);
            }
        }

        var stored = 0;
        await Parallel.ForEachAsync(
            valid,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                try
                {
                    await Retry.RunAsync(() => grains.GetGrain<IModelGrain>(row.Value!.Id).Upsert(row.Value), cancellationToken: ct);
                    Interlocked.Increment(ref stored);
                }
                catch (DvkException exception)
                {
                    rejected.Add((row.Line, exception.Message));
                }

                progress?.Invoke(1);
            });

        return new ImportReport(rows.Count, stored, [.. rejected.OrderBy(r => r.Item1)], stopwatch.Elapsed);
    }
}
