using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace DanVanKheo.Import.Csv;

/// <summary>
/// Reads an RFC 4180 file (quoted fields may hold commas, quotes and line breaks) row by row, keeping the
/// line number each row starts on, and refusing rows whose quoting is broken or whose column count is off.
/// </summary>
public static class CsvTable
{
    public static IEnumerable<CsvRow<T>> Read<T>(TextReader reader, string[] required, Func<Func<string, string>, T> map)
        where T : class
    {
        string? badData = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            BadDataFound = args => badData ??= $"broken quoting near «{Shorten(args.RawRecord)}»",
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            TrimOptions = TrimOptions.None,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            throw new DvkException("bad-csv", "the file is empty: line 1 must be the header " + string.Join(',', required));
        }

        var header = csv.HeaderRecord.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var missing = required.Where(r => !header.Contains(r)).ToArray();
        if (missing.Length > 0)
        {
            throw new DvkException("bad-csv", $"line 1: header lacks column(s) {string.Join(", ", missing)}; expected {string.Join(',', required)}");
        }

        var index = header.Select((name, i) => (name, i)).GroupBy(p => p.name).ToDictionary(g => g.Key, g => g.First().i);
        var previousRawRow = csv.Parser.RawRow;
        while (true)
        {
            badData = null;
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvHelperException exception)
            {
                throw new DvkException("bad-csv", $"line {previousRawRow + 1}: unreadable CSV ({exception.GetType().Name})");
            }

            if (!more)
            {
                yield break;
            }

            // The row's own first line: blank lines the parser skipped before it are not part of it.
            var line = csv.Parser.RawRow - LineBreaks(csv.Parser.RawRecord.AsSpan().Trim("\r\n"));
            previousRawRow = csv.Parser.RawRow;
            var fields = csv.Parser.Record ?? [];
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (badData is not null)
            {
                yield return new CsvRow<T>(line, null, badData);
                continue;
            }

            if (fields.Length != header.Length)
            {
                yield return new CsvRow<T>(line, null, $"expected {header.Length} columns, found {fields.Length}");
                continue;
            }

            string Get(string column) => index.TryGetValue(column, out var i) ? fields[i] : "";
            CsvRow<T> row;
            try
            {
                row = new CsvRow<T>(line, map(Get), null);
            }
            catch (DvkException exception)
            {
                row = new CsvRow<T>(line, null, exception.Message);
            }

            yield return row;
        }
    }

    private static int LineBreaks(ReadOnlySpan<char> text)
    {
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    private static string Shorten(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 60 ? flat : flat[..60] + "…";
    }
}
