using System.Text;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Tests;

/// <summary>CSV files are read as UTF-8 (mark or not) or marked UTF-16; anything else is refused with its line, never read with replacement characters.</summary>
public sealed class CsvTextTests
{
    private const string Text = "code,name,level,type,parent_code\n40,Tỉnh Nghệ An,province,Tỉnh,\n";

    [Fact]
    public void Utf8_with_or_without_its_mark_and_marked_utf16_read_exactly()
    {
        Assert.Equal(Text, CsvText.Decode(Encoding.UTF8.GetBytes(Text)));
        Assert.Equal(Text, CsvText.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text)]));
        Assert.Equal(Text, CsvText.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text)]));
        Assert.Equal(Text, CsvText.Decode([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Text)]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_byte_that_is_not_utf8_is_refused_with_its_line(bool withMark)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("code,name\n1,Một\n2,X"), 0xE3, .. "\n"u8];
        byte[] bytes = withMark ? [0xEF, 0xBB, 0xBF, .. body] : body;

        var error = Assert.Throws<DvkException>(() => CsvText.Decode(bytes));

        Assert.Equal("bad-encoding", error.Problem);
        Assert.StartsWith("line 3: the file is not UTF-8", error.Message);
    }
}
