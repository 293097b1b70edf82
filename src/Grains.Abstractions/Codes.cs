using System.Globalization;
using System.Text;

namespace DanVanKheo;

/// <summary>
/// The text forms of enum values on every interface (CSV, CLI, JSON): stable English codes, with the
/// Vietnamese names accepted on input. Matching ignores case and diacritics ("van hoa - xa hoi").
/// </summary>
public static class Codes
{
    private static readonly (Field Value, string Code, string Vietnamese)[] _fields =
    [
        (Field.Economy, "economy", "Phát triển kinh tế"),
        (Field.CultureSociety, "culture_society", "Văn hóa – xã hội"),
        (Field.DefenseSecurity, "defense_security", "Quốc phòng – an ninh"),
        (Field.PoliticalSystem, "political_system", "Xây dựng hệ thống chính trị"),
    ];

    private static readonly (Level Value, string Code, string Vietnamese)[] _levels =
    [
        (Level.National, "national", "Trung ương"),
        (Level.Province, "province", "Cấp tỉnh"),
        (Level.District, "district", "Cấp huyện"),
        (Level.Commune, "commune", "Cấp xã"),
        (Level.Hamlet, "hamlet", "Thôn, ấp, bản, tổ dân phố"),
    ];

    /// <summary>Commendation and registration levels in counter order: commune, district, province, national.</summary>
    public static readonly string[] AwardLevelCodes = ["commune", "district", "province", "national"];

    public static readonly string[] AwardLevelVietnamese = ["Cấp xã", "Cấp huyện", "Cấp tỉnh", "Toàn quốc"];

    public static string Code(this Field field) => _fields[(int)field].Code;

    public static string Vietnamese(this Field field) => _fields[(int)field].Vietnamese;

    public static string Code(this Level level) => _levels[(int)level].Code;

    public static string Vietnamese(this Level level) => _levels[(int)level].Vietnamese;

    public static string Code(this ModelKind kind) => kind == ModelKind.Collective ? "collective" : "individual";

    public static string Vietnamese(this ModelKind kind) => kind == ModelKind.Collective ? "Tập thể" : "Cá nhân";

    public static string Code(this ModelStatus status) => status == ModelStatus.Active ? "active" : "discontinued";

    public static bool TryParseField(string? text, out Field field)
    {
        var key = Fold(text);
        foreach (var (value, code, vietnamese) in _fields)
        {
            if (key == code || key == Fold(vietnamese) || key == Fold(vietnamese.Replace("–", "-", StringComparison.Ordinal)))
            {
                field = value;
                return true;
            }
        }

        field = default;
        return false;
    }

    public static bool TryParseLevel(string? text, out Level level)
    {
        var key = Fold(text);
        foreach (var (value, code, vietnamese) in _levels)
        {
            if (key == code || key == Fold(vietnamese))
            {
                level = value;
                return true;
            }
        }

        level = default;
        return false;
    }

    public static bool TryParseKind(string? text, out ModelKind kind)
    {
        switch (Fold(text))
        {
            case "collective" or "tap the":
                kind = ModelKind.Collective;
                return true;
            case "individual" or "ca nhan":
                kind = ModelKind.Individual;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static bool TryParseStatus(string? text, out ModelStatus status)
    {
        switch (Fold(text))
        {
            case "active" or "" or "dang thuc hien":
                status = ModelStatus.Active;
                return true;
            case "discontinued" or "dung thuc hien":
                status = ModelStatus.Discontinued;
                return true;
            default:
                status = default;
                return false;
        }
    }

    /// <summary>Parses <c>commune;district;province</c> (any order, empty = none).</summary>
    public static bool TryParseRegistrationLevels(string? text, out RegistrationLevels levels)
    {
        levels = RegistrationLevels.None;
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var index = Array.IndexOf(AwardLevelCodes, Fold(part));
            if (index is < 0 or > 2)
            {
                return false;
            }

            levels |= (RegistrationLevels)(1 << index);
        }

        return true;
    }

    /// <summary>Parses <c>none</c>, one level, or several separated by <c>;</c>.</summary>
    public static bool TryParseCommendations(string? text, out Commendations commendations)
    {
        commendations = Commendations.None;
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Fold(part);
            if (key == "none")
            {
                continue;
            }

            var index = Array.IndexOf(AwardLevelCodes, key);
            if (index < 0)
            {
                return false;
            }

            commendations |= (Commendations)(1 << index);
        }

        return true;
    }

    public static string Format(RegistrationLevels levels) => JoinLevels((int)levels, 3, "");

    public static string Format(Commendations commendations) => JoinLevels((int)commendations, 4, "none");

    /// <summary>Lower case, no diacritics, đ → d, single spaces: for matching names typed without accents.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = ch == 'đ' ? 'd' : ch;
            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace)
                {
                    builder.Append(' ');
                }

                lastSpace = true;
                continue;
            }

            lastSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string JoinLevels(int bits, int count, string empty)
    {
        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                parts.Add(AwardLevelCodes[i]);
            }
        }

        return parts.Count == 0 ? empty : string.Join(';', parts);
    }
}
