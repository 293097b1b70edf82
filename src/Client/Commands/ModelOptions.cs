using System.CommandLine;

namespace DanVanKheo.Client.Commands;

/// <summary>Options that describe a model, parsed with the same rules as the CSV columns.</summary>
public static class ModelOptions
{
    public static readonly Option<string> Unit = new("--unit") { Description = "Owner unit code" };
    public static readonly Option<string> Title = new("--title") { Description = "Title (tên mô hình)" };
    public static readonly Option<string> Field = new("--field") { Description = "economy | culture_society | defense_security | political_system" };
    public static readonly Option<string> Kind = new("--kind") { Description = "collective | individual" };
    public static readonly Option<string> Sponsor = new("--sponsor") { Description = "Sponsor organisation" };
    public static readonly Option<int?> Year = new("--year") { Description = "Registration year" };
    public static readonly Option<string> Levels = new("--levels") { Description = "commune;district;province" };

    public static Option[] All => [Unit, Title, Field, Kind, Sponsor, Year, Levels];

    public static Field? ParseField(string? text) =>
        text is null ? null
        : Codes.TryParseField(text, out var field) ? field
        : throw new DvkException("bad-field", $"field '{text}' is not economy, culture_society, defense_security or political_system");

    public static ModelKind? ParseKind(string? text) =>
        text is null ? null
        : Codes.TryParseKind(text, out var kind) ? kind
        : throw new DvkException("bad-kind", $"kind '{text}' is not collective or individual");

    public static RegistrationLevels? ParseLevels(string? text) =>
        text is null ? null
        : Codes.TryParseRegistrationLevels(text, out var levels) ? levels
        : throw new DvkException("bad-levels", $"levels '{text}' must be ';'-separated commune, district, province");

    public static Commendations ParseCommendation(string? text) =>
        Codes.TryParseCommendations(text, out var c) && c != Commendations.None ? c
        : throw new DvkException("bad-commended", $"commendation level '{text}' is not commune, district, province or national");

    public static string Require(ParseResult parse, Option<string> option) =>
        parse.GetValue(option) ?? throw new DvkException("missing-option", $"{option.Name} is required");
}
