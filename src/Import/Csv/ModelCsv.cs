using System.Globalization;
using CsvHelper;

namespace DanVanKheo.Import.Csv;

/// <summary>
/// <c>id,unit,title,field,kind,sponsor,year,levels,effective,commended,status</c>, plus two optional
/// columns that make an export round-trip exactly: <c>exemplar</c> (true|false) and
/// <c>evaluated_year</c> (the year of the evaluation in <c>effective</c>; default the registration year).
/// </summary>
public static class ModelCsv
{
    public static readonly string[] Columns = ["id", "unit", "title", "field", "kind", "sponsor", "year", "levels", "effective", "commended", "status"];

    public static readonly string[] ExportColumns = [.. Columns, "exemplar", "evaluated_year"];

    public static IEnumerable<CsvRow<ModelInput>> Read(TextReader reader) => CsvTable.Read(reader, Columns, Map);

    public static void Write(TextWriter writer, IEnumerable<ModelRecord> models)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in ExportColumns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var m in models)
        {
            var latest = m.LatestEvaluation;
            csv.WriteField(m.Id);
            csv.WriteField(m.Unit);
            csv.WriteField(m.Title);
            csv.WriteField(m.Field.Code());
            csv.WriteField(m.Kind.Code());
            csv.WriteField(m.Sponsor);
            csv.WriteField(m.Year.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Codes.Format(m.Levels));
            csv.WriteField(latest is null ? "" : latest.Value.Effective ? "true" : "false");
            csv.WriteField(Codes.Format(m.Commendations));
            csv.WriteField(m.Status.Code());
            csv.WriteField(m.ExemplarRecognised ? "true" : "false");
            csv.WriteField(latest?.Year.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.NextRecord();
        }
    }

    private static ModelInput Map(Func<string, string> get)
    {
        if (!Codes.TryParseField(get("field"), out var field))
        {
            throw new DvkException("bad-field", $"field '{get("field")}' is not economy, culture_society, defense_security or political_system");
        }

        if (!Codes.TryParseKind(get("kind"), out var kind))
        {
            throw new DvkException("bad-kind", $"kind '{get("kind")}' is not collective or individual");
        }

        if (!int.TryParse(get("year").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new DvkException("bad-year", $"year '{get("year")}' is not a number");
        }

        if (!Codes.TryParseRegistrationLevels(get("levels"), out var levels))
        {
            throw new DvkException("bad-levels", $"levels '{get("levels")}' must be ';'-separated commune, district, province");
        }

        if (!Codes.TryParseCommendations(get("commended"), out var commendations))
        {
            throw new DvkException("bad-commended", $"commended '{get("commended")}' is not none, commune, district, province or national");
        }

        if (!Codes.TryParseStatus(get("status"), out var status))
        {
            throw new DvkException("bad-status", $"status '{get("status")}' is not active or discontinued");
        }

        var effectiveText = get("effective").Trim().ToLowerInvariant();
        bool? effective = effectiveText switch
        {
            "" => null,
            "true" or "yes" or "1" or "co" or "có" => true,
            "false" or "no" or "0" or "khong" or "không" => false,
            _ => throw new DvkException("bad-effective", $"effective '{get("effective")}' is not true, false or empty"),
        };
        var evaluatedYear = year;
        var evaluatedText = get("evaluated_year").Trim();
        if (evaluatedText.Length > 0 && !int.TryParse(evaluatedText, NumberStyles.None, CultureInfo.InvariantCulture, out evaluatedYear))
        {
            throw new DvkException("bad-year", $"evaluated_year '{evaluatedText}' is not a number");
        }

        var exemplarText = get("exemplar").Trim().ToLowerInvariant();
        if (exemplarText is not ("" or "true" or "false"))
        {
            throw new DvkException("bad-exemplar", $"exemplar '{get("exemplar")}' is not true, false or empty");
        }

        return Rules.Validate(new ModelInput(get("id"), get("unit"), get("title"), field, kind, get("sponsor"), year, levels)
        {
            Evaluation = effective is { } e ? new Evaluation(evaluatedYear, e) : null,
            Commendations = commendations,
            Exemplar = exemplarText == "true",
            Status = status,
        });
    }
}
