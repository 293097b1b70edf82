using System.Text;

namespace DanVanKheo.Import.Csv;

/// <summary>
/// A CSV file's text, read strictly: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark. Any other
/// encoding (Windows-1258 from an old spreadsheet, say) is refused with the line of the first byte that is not UTF-8,
/// instead of being read with replacement characters that would corrupt every name with diacritics.
/// </summary>
public static class CsvText
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        Decode(await File.ReadAllBytesAsync(path, cancellationToken));

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        var start = bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        try
        {
            return _strictUtf8.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException exception)
        {
            var at = Math.Clamp(start + Math.Max(exception.Index, 0), 0, bytes.Length);
            var line = 1 + bytes[..at].Count((byte)'\n');
            throw new DvkException(
                "bad-encoding",
                $"line {line}: the file is not UTF-8; save it as \"CSV UTF-8\" / tệp không phải UTF-8, hãy lưu dạng \"CSV UTF-8\"");
        }
    }
}
