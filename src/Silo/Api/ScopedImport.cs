using DanVanKheo.Import;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Silo.Api;

/// <summary>
/// An editor's CSV import: rows that reach outside the editor's scope are refused by line before the importer runs, the
/// others go in, and the answer lists both kinds of refusal in line order.
/// </summary>
internal sealed class ScopedImport<T>(IReadOnlyList<CsvRow<T>> rows, string scope)
    where T : class
{
    private readonly List<(int Line, string Error)> _refused = [];

    public List<CsvRow<T>> Allowed { get; } = new(rows.Count);

    /// <summary>Keeps each row for which <paramref name="outside"/> names nothing; a row it names is refused with what it named.</summary>
    public async Task ScreenAsync(Func<T, Task<string?>> outside)
    {
        foreach (var row in rows)
        {
            if (row.Value is { } value && await outside(value) is { } what)
            {
                _refused.Add((row.Line, $"{what} is outside your scope '{scope}' / ngoài phạm vi"));
                continue;
            }

            Allowed.Add(row);
        }
    }

    /// <summary>The allowed rows the importer stored.</summary>
    public IEnumerable<T> Stored(ImportReport report)
    {
        var rejected = report.Rejected.Select(r => r.Line).ToHashSet();
        return Allowed.Where(r => r.Value is not null && !rejected.Contains(r.Line)).Select(r => r.Value!);
    }

    public IResult Result(ImportReport report) =>
        ImportResults.Of(report with { Rows = rows.Count, Rejected = [.. report.Rejected.Concat(_refused).OrderBy(r => r.Line)] });
}
