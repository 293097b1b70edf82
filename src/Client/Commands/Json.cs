using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

public static class Json
{
    /// <summary>Indented, with Vietnamese letters written as themselves rather than \u escapes.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static void Write(CliContext context, object value) =>
        context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Options));

    /// <summary>Writes a command's <c>--report</c> file (UTF-8 without a byte-order mark) and says where it went.</summary>
    public static async Task WriteReportAsync(CliContext context, FileInfo file, object report, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, Options), new UTF8Encoding(false), cancellationToken);
        context.Console.MarkupLineInterpolated($"Báo cáo / report: {file.FullName}");
    }
}
