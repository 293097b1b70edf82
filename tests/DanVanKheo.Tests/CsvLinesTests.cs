using DanVanKheo.Import.Csv;

namespace DanVanKheo.Tests;

/// <summary>
/// Row line numbers as the CSV reader gives them (a row after blank lines starts on its own line), and parts of a file
/// cut from its own lines for <c>dvk --api … models import</c>: byte for byte, with each row's line in the file.
/// </summary>
public sealed class CsvLinesTests
{
    private const string Header = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status";

    private static readonly string File =
        Header + "\r\n"
        + "m1,C,Một,economy,collective,,2020,commune,,none,active\r\n"
        + "m2,C,\"Hai,\r\ndòng\",economy,collective,,2020,commune,,none,active\r\n"
        + "\r\n"
        + "\r\n"
        + "m3,C,Ba,astrology,collective,,2020,commune,,none,active\r\n"
        + "m4,C,Bốn,economy,collective,,2020,commune,,none,active";

    [Fact]
    public void A_row_after_blank_lines_is_numbered_by_its_own_first_line()
    {
        var rows = ModelCsv.Read(new StringReader(File)).ToList();

        Assert.Equal([2, 3, 7, 8], rows.Select(r => r.Line));
        Assert.Contains("astrology", rows[2].Error);
        Assert.Equal("Hai,\ndòng", rows[1].Value!.Title);
    }

    [Fact]
    public void A_part_holds_the_header_and_the_chosen_rows_exactly_as_written()
    {
        var rows = ModelCsv.Read(new StringReader(File)).ToList();
        var lines = new CsvLines(File, rows.Select(r => r.Line));

        var part = lines.Part([3, 8]);

        Assert.Equal(
            Header + "\r\n" + "m2,C,\"Hai,\r\ndòng\",economy,collective,,2020,commune,,none,active\r\n" + "m4,C,Bốn,economy,collective,,2020,commune,,none,active\n",
            part.Text);
        Assert.Equal(new Dictionary<int, int> { [2] = 3, [4] = 8 }, part.FileLineByPartLine);

        // Read again, the part gives the same rows, starting on the lines the map names.
        var again = ModelCsv.Read(new StringReader(part.Text)).ToList();
        Assert.Equal([3, 8], again.Select(r => part.FileLineByPartLine[r.Line]));
        Assert.Equal(rows[1].Value, again[0].Value);
        Assert.Equal(rows[3].Value, again[1].Value);
    }

    [Fact]
    public void A_line_no_row_starts_on_is_refused()
    {
        var lines = new CsvLines(File, [2, 3]);

        Assert.Throws<ArgumentException>(() => lines.Part([4]));
    }
}
