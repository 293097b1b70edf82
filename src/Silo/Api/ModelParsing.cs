namespace DanVanKheo.Silo.Api;

/// <summary>Turns API bodies into domain inputs, refusing unknown codes with the same problems as the CSV import.</summary>
public static class ModelParsing
{
    public static ModelInput ToInput(ModelBody body, string id)
    {
        var year = body.Year ?? throw new DvkException("bad-year", "year is required / thiếu năm đăng ký");
        var input = new ModelInput(
            id,
            body.Unit ?? throw new DvkException("bad-unit-code", "unit is required / thiếu đơn vị"),
            body.Title ?? "",
            ParseField(body.Field ?? throw new DvkException("bad-field", "field is required / thiếu lĩnh vực")),
            ParseKind(body.Kind ?? "collective"),
            body.Sponsor ?? "",
            year,
            ParseLevels(body.Levels ?? ["commune"]))
        {
            Evaluation = body.Effective is { } effective ? new Evaluation(body.EvaluationYear ?? year, effective) : null,
            Commendations = ParseCommendations(body.Commended ?? []),
            Exemplar = body.Exemplar ?? false,
            Status = ParseStatus(body.Status),
        };
        return Rules.Validate(input);
    }

    public static ModelChanges ToChanges(ModelPatch patch)
    {
        if (patch.Year is { } year)
        {
            Rules.RequireYear(year);
        }

        return new ModelChanges
        {
            Unit = patch.Unit is null ? null : Rules.NormalizeUnitCode(patch.Unit),
            Title = patch.Title is null ? null : Rules.RequireText(patch.Title, "title", Rules.MaxTitleLength),
            Field = patch.Field is null ? null : ParseField(patch.Field),
            Kind = patch.Kind is null ? null : ParseKind(patch.Kind),
            Sponsor = patch.Sponsor is null ? null : Rules.RequireText(patch.Sponsor, "sponsor", Rules.MaxSponsorLength, allowEmpty: true),
            Year = patch.Year,
            Levels = patch.Levels is null ? null : ParseLevels(patch.Levels),
        };
    }

    public static Field ParseField(string text) =>
        Codes.TryParseField(text, out var field) ? field
            : throw new DvkException("bad-field", $"field '{Short(text)}' is not economy, culture_society, defense_security or political_system");

    public static ModelKind ParseKind(string text) =>
        Codes.TryParseKind(text, out var kind) ? kind : throw new DvkException("bad-kind", $"kind '{Short(text)}' is not collective or individual");

    public static ModelStatus ParseStatus(string? text) =>
        Codes.TryParseStatus(text, out var status) ? status : throw new DvkException("bad-status", $"status '{Short(text)}' is not active or discontinued");

    public static RegistrationLevels ParseLevels(string[] levels) =>
        Codes.TryParseRegistrationLevels(string.Join(';', levels), out var parsed) && parsed != RegistrationLevels.None ? parsed
            : throw new DvkException("bad-levels", "levels must name at least one of commune, district, province / phải có cấp đăng ký");

    public static Commendations ParseCommendations(string[] levels) =>
        Codes.TryParseCommendations(string.Join(';', levels), out var parsed) ? parsed
            : throw new DvkException("bad-commended", "commended must list commune, district, province or national");

    public static Commendations ParseCommendation(string? level) =>
        Codes.TryParseCommendations(level, out var parsed) && parsed != Commendations.None && ((int)parsed & ((int)parsed - 1)) == 0 ? parsed
            : throw new DvkException("bad-commended", $"level '{Short(level)}' is not one of commune, district, province, national");

    private static string Short(string? text) => text is null ? "" : text.Length <= 40 ? text : text[..40] + "…";
}
