using System.Collections.Concurrent;
using System.Diagnostics;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import;

/// <summary>
/// What every import shares: refuse unreadable rows and keys repeated in the file (so that parallel
/// calls cannot race on one key), then call the grains many at a time with retries, collecting each
/// refusal with its line.
/// </summary>
internal sealed class ImportBatch<T>(IReadOnlyList<CsvRow<T>> rows, Action<int>? progress)
    where T : class
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly ConcurrentBag<(int, string)> _rejected = new();
    private int _stored;

    public List<CsvRow<T>> Screen(Func<T, string> key, Func<string, int, string> repeated)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var valid = new List<CsvRow<T>>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Error is not null)
            {
                Reject(row.Line, row.Error);
            }
            else if (!firstLine.TryAdd(key(row.Value!), row.Line))
            {
                Reject(row.Line, repeated(key(row.Value!), firstLine[key(row.Value!)]));
            }
            else
            {
                valid.Add(row);
            }
        }

        return valid;
    }

    public Task RunAsync(IEnumerable<CsvRow<T>> batch, Func<T, Task> call, int concurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            batch,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                try
                {
                    await Retry.RunAsync(async () =>
                    {
                        await call(row.Value!);
                        return true;
                    }, cancellationToken: ct);
                    Interlocked.Increment(ref _stored);
                }
                catch (DvkException exception)
                {
                    _rejected.Add((row.Line, exception.Message));
                }

                progress?.Invoke(1);
            });

    /// <summary>Screens the file with <paramref name="screen"/>, then sends what it keeps, in its order, a part at a time.</summary>
    public static async Task<ImportReport> InPartsAsync(
        IReadOnlyList<CsvRow<T>> rows,
        Func<ImportBatch<T>, IEnumerable<CsvRow<T>>> screen,
        Func<IReadOnlyList<CsvRow<T>>, CancellationToken, Task<ImportPartResult>> sendPart,
        int rowsPerPart,
        Action<int>? progress,
        CancellationToken cancellationToken)
    {
        var batch = new ImportBatch<T>(rows, progress);
        await batch.RunPartsAsync(screen(batch), rowsPerPart, sendPart, cancellationToken);
        return batch.Report();
    }

    /// <summary>Sends the rows a part at a time, in the order given, to something that stores a whole part at once.</summary>
    private async Task RunPartsAsync(
        IEnumerable<CsvRow<T>> batch, int rowsPerPart, Func<IReadOnlyList<CsvRow<T>>, CancellationToken, Task<ImportPartResult>> send, CancellationToken cancellationToken)
    {
        foreach (var part in batch.Chunk(rowsPerPart))
        {
            var result = await send(part, cancellationToken);
            Interlocked.Add(ref _stored, result.Stored);
            foreach (var refusal in result.Rejected)
            {
                _rejected.Add(refusal);
            }

            progress?.Invoke(part.Length);
        }
    }

    public ImportReport Report() => new(rows.Count, _stored, [.. _rejected.OrderBy(r => r.Item1)], _stopwatch.Elapsed);

    private void Reject(int line, string error)
    {
        _rejected.Add((line, error));
        progress?.Invoke(1);
    }
}
