using System.Text;

namespace DanVanKheo.Tests;

/// <summary>What <see cref="Rules.RequireText"/> makes of a title or sponsor: one composed form, and refusals that name the field.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("Dân vận khéo xây dựng nông thôn mới")]
    [InlineData("Ấp văn hóa – Tổ tự quản “Đường hoa”")]
    [InlineData("Plain ASCII title")]
    public void Text_is_stored_composed_whatever_form_it_arrives_in(string title)
    {
        var composed = title.Normalize(NormalizationForm.FormC);
        var decomposed = title.Normalize(NormalizationForm.FormD);

        Assert.Equal(composed, Rules.RequireText(decomposed, "title", Rules.MaxTitleLength));
        Assert.Equal(composed, Rules.RequireText("  " + composed + "\t", "title", Rules.MaxTitleLength));
        Assert.Same(composed, Rules.RequireText(composed, "title", Rules.MaxTitleLength));
    }

    [Theory]
    [InlineData("Mô hình\u0007 chuông", false)]
    [InlineData("Mô hình\nhai dòng", false)]
    public void Control_characters_are_refused(string text, bool allowLineBreaks)
    {
        var error = Assert.Throws<DvkException>(() => Rules.RequireText(text, "sponsor", Rules.MaxSponsorLength, allowLineBreaks: allowLineBreaks));
        Assert.Equal("bad-sponsor", error.Problem);
    }

    // Built here, not passed as theory data: the test runner would carry a lone surrogate over as U+FFFD.
    [Theory]
    [InlineData(0xD83D, "nửa cặp ", " thay thế")]
    [InlineData(0xDE00, "", " đứng trước")]
    [InlineData(0xD83D, "ở cuối ", "")]
    public void Broken_Unicode_is_refused(int surrogate, string before, string after)
    {
        var text = before + (char)surrogate + after;
        var error = Assert.Throws<DvkException>(() => Rules.RequireText(text, "title", Rules.MaxTitleLength, allowLineBreaks: true));
        Assert.Equal("bad-title", error.Problem);
    }

    [Fact]
    public void Line_breaks_and_emoji_pass_where_allowed()
    {
        Assert.Equal("Dòng một\nDòng hai 🌾", Rules.RequireText("Dòng một\r\nDòng hai 🌾", "title", Rules.MaxTitleLength, allowLineBreaks: true));
    }
}
