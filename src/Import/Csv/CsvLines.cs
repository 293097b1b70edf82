namespace DanVanKheo.Import.Csv;

/// <summary>A part of a CSV file: the file's header and some of its rows, byte for byte, and where each row's line was in the file.</summary>
public sealed record CsvPart(string Text, IReadOnlyDictionary<int, int> FileLineByPartLine);

/// <summary>
/// The physical lines of a CSV file, kept with their own line breaks, so that parts of it can be sent on exactly as
/// written (a quoted title spanning lines keeps its CR LF). Each row owns the lines from its first one up to the next
/// row's first, less any blank lines between them; <see cref="CsvTable"/> gives each row's first line.
/// </summary>
public sealed class CsvLines
{
    private readonly List<string> _lines = [];
    private readonly Dictionary<int, int> _endByFirstLine = [];
    private readonly int _headerLines;

    public CsvLines(string text, IEnumerable<int> rowFirstLines)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                var end = text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 1 : i;
                _lines.Add(text[start..(end + 1)]);
                start = end + 1;
                i = end;
            }
        }

        if (start < text.Length)
        {
            _lines.Add(text[start..] + "\n");
        }

        var firsts = rowFirstLines.Order().ToArray();
        _headerLines = firsts.Length == 0 ? _lines.Count : firsts[0] - 1;
        for (var k = 0; k < firsts.Length; k++)
        {
            // Blank lines before the next row belong to no row: a record's last line always holds some of it.
            var end = k + 1 < firsts.Length ? firsts[k + 1] - 1 : _lines.Count;
            while (end > firsts[k] && _lines[end - 1].AsSpan().Trim("\r\n").IsEmpty)
            {
                end--;
            }

            _endByFirstLine[firsts[k]] = end;
        }
    }

    /// <summary>The header and the rows that start on <paramref name="rowFirstLines"/>, in that order.</summary>
    public CsvPart Part(IEnumerable<int> rowFirstLines)
    {
        var text = new System.Text.StringBuilder();
        for (var line = 1; line <= _headerLines; line++)
        {
            text.Append(_lines[line - 1]);
        }

        var map = new Dictionary<int, int>();
        var partLine = _headerLines;
        foreach (var first in rowFirstLines)
        {
            var end = _endByFirstLine.TryGetValue(first, out var e) ? e
                : throw new ArgumentException($"no row starts on line {first}", nameof(rowFirstLines));
            map[partLine + 1] = first;
            for (var line = first; line <= end; line++)
            {
                text.Append(_lines[line - 1]);
                partLine++;
            }
        }

        return new CsvPart(text.ToString(), map);
    }
}
