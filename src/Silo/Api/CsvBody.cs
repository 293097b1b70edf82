using System.Text;
using DanVanKheo.Import.Csv;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Silo.Api;

/// <summary>Reads a CSV request body: strict UTF-8, at most <see cref="ApiLimits.MaxCsvRows"/> rows.</summary>
public sealed class CsvBody(IOptions<ApiLimits> limits)
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<List<CsvRow<T>>> ReadAsync<T>(HttpRequest request, Func<TextReader, IEnumerable<CsvRow<T>>> read)
        where T : class
    {
        string text;
        using (var reader = new StreamReader(request.Body, _strictUtf8, detectEncodingFromByteOrderMarks: false))
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

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
