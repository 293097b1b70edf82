using DanVanKheo.Import.Csv;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Silo.Api;

/// <summary>Reads a CSV request body: strict UTF-8, or UTF-16 with its mark (see <see cref="CsvText"/>); at most <see cref="ApiLimits.MaxCsvRows"/> rows.</summary>
public sealed class CsvBody(IOptions<ApiLimits> limits)
{
    public async Task<List<CsvRow<T>>> ReadAsync<T>(HttpRequest request, Func<TextReader, IEnumerable<CsvRow<T>>> read)
        where T : class
    {
        // Decoded as dvk decodes a file, so that a file the CLI takes (UTF-16 as Excel's "Unicode text" saves it)
        // is taken here too, and one refused names the line of its first bad byte.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        var text = CsvText.Decode(body.GetBuffer().AsSpan(0, (int)body.Length));

        var rows = new List<CsvRow<T>>();
        foreach (var row in read(new StringReader(text)))
        {
            if (rows.Count == limits.Value.MaxCsvRows)
            {
                throw new TooManyRowsException(limits.Value.MaxCsvRows);
            }

            rows.Add(row);
        }

        return rows;
    }
}

public sealed class TooManyRowsException(int limit)
    : Exception($"the CSV has more than {limit} rows; split it into several requests / tệp có quá {limit} dòng");
