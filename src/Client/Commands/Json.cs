using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

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
}
