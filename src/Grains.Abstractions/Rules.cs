using System.Text.RegularExpressions;

namespace DanVanKheo;

/// <summary>Input limits and checks shared by grains, CLI and API, so each refuses the same things.</summary>
public static partial class Rules
{
    public const string NationalCode = "VN";
    public const int MaxNameLength = 200;
    public const int MaxTitleLength = 500;
    public const int MaxSponsorLength = 200;
    public const int MaxTypeLength = 100;
    public const int FirstYear = 2009;

    /// <summary>Official codes are digits; generated hamlet codes may add letters, '-', '.' and '_'.</summary>
    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")]
    private static partial Regex UnitCodePattern();

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._:-]{0,79}$")]
    private static partial Regex ModelIdPattern();

    public static int LastYear => DateTime.UtcNow.Year + 1;

    public static string NormalizeUnitCode(string? code)
    {
        var trimmed = (code ?? "").Trim();
        if (string.Equals(trimmed, NationalCode, StringComparison.OrdinalIgnoreCase))
        {
            return NationalCode;
        }

        if (!UnitCodePattern().IsMatch(trimmed))
        {
            throw new DvkException("bad-unit-code", $"unit code '{Shorten(trimmed)}' is not valid: use the official code (digits) or letters, digits, '.', '-', '_' (at most 40) / mã đơn vị không hợp lệ");
        }

        return trimmed;
    }

    public static string NormalizeModelId(string? id)
    {
        var trimmed = (id ?? "").Trim();
        if (!ModelIdPattern().IsMatch(trimmed))
        {
            throw new DvkException("bad-model-id", $"model id '{Shorten(trimmed)}' is not valid: letters, digits, '.', '-', '_', ':' (at most 80) / mã mô hình không hợp lệ");
        }

        return trimmed;
    }

    public static string RequireText(string? text, string what, int maxLength, bool allowEmpty = false, bool allowLineBreaks = false)
    {
        var trimmed = (text ?? "").Trim().ReplaceLineEndings("\n");
        if (!allowEmpty && trimmed.Length == 0)
        {
            throw new DvkException($"empty-{what}", $"{what} must not be empty / không được để trống");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DvkException($"oversize-{what}", $"{what} is {trimmed.Length} characters; at most {maxLength} allowed / quá dài");
        }

        if (HasControl(trimmed, allowLineBreaks) || trimmed.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 && !HasPair(trimmed))
        {
            throw new DvkException($"bad-{what}", $"{what} contains control characters or broken Unicode / chứa ký tự không hợp lệ");
        }

        // Most text arrives composed already; checking is cheaper than normalising and comparing, as every registration did.
        return trimmed.IsNormalized(System.Text.NormalizationForm.FormC) ? trimmed : trimmed.Normalize(System.Text.NormalizationForm.FormC);
    }

    private static bool HasControl(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    public static void RequireYear(int year, string what = "year")
    {
        if (year < FirstYear || year > LastYear)
        {
            throw new DvkException("bad-year", $"{what} {year} is outside {FirstYear}–{LastYear} / năm không hợp lệ");
        }
    }

    public static UnitDefinition Validate(UnitDefinition definition)
    {
        var code = NormalizeUnitCode(definition.Code);
        if (!Enum.IsDefined(definition.Level))
        {
            throw new DvkException("bad-level", $"level {(int)definition.Level} is not valid");
        }

        if (code == NationalCode && definition.Level != Level.National || code != NationalCode && definition.Level == Level.National)
        {
            throw new DvkException("bad-level", $"only '{NationalCode}' is at the national level");
        }

        var parent = string.IsNullOrWhiteSpace(definition.ParentCode) ? (code == NationalCode ? null : NationalCode) : NormalizeUnitCode(definition.ParentCode);
        if (parent == code)
        {
            throw new DvkException("cyclic-parent", $"unit '{code}' cannot be its own parent / đơn vị không thể là cấp trên của chính nó");
        }

        return new UnitDefinition(
            code,
            RequireText(definition.Name, "name", MaxNameLength),
            definition.Level,
            RequireText(definition.Type, "type", MaxTypeLength, allowEmpty: true),
            parent);
    }

    public static ModelInput Validate(ModelInput input)
    {
        if (!Enum.IsDefined(input.Field))
        {
            throw new DvkException("bad-field", $"field {(int)input.Field} is not one of economy, culture_society, defense_security, political_system");
        }

        if (!Enum.IsDefined(input.Kind))
        {
            throw new DvkException("bad-kind", $"kind {(int)input.Kind} is not collective or individual");
        }

        if (!Enum.IsDefined(input.Status))
        {
            throw new DvkException("bad-status", $"status {(int)input.Status} is not active or discontinued");
        }

        RequireYear(input.Year);
        if (input.Levels == RegistrationLevels.None || ((int)input.Levels & ~7) != 0)
        {
            throw new DvkException("bad-levels", "levels must name at least one of commune, district, province / phải có cấp đăng ký");
        }

        if (((int)input.Commendations & ~15) != 0)
        {
            throw new DvkException("bad-commended", "commended must be none or commune, district, province, national");
        }

        if (input.Evaluation is { } evaluation)
        {
            RequireYear(evaluation.Year, "evaluation year");
            if (evaluation.Year < input.Year)
            {
                throw new DvkException("bad-evaluation", $"evaluation year {evaluation.Year} is before the registration year {input.Year}");
            }
        }

        return input with
        {
            Id = NormalizeModelId(input.Id),
            Unit = NormalizeUnitCode(input.Unit),
            Title = RequireText(input.Title, "title", MaxTitleLength, allowLineBreaks: true),
            Sponsor = RequireText(input.Sponsor, "sponsor", MaxSponsorLength, allowEmpty: true),
        };
    }

    private static bool HasPair(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
