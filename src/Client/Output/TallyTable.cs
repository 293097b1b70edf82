using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>A unit's tally as a Vietnamese table (English in brackets).</summary>
public static class TallyTable
{
    public static void Write(IAnsiConsole console, TallyDocument d, IReadOnlyList<ChildSummary>? children = null)
    {
        var period = (d.From, d.To) switch
        {
            (null, null) => "mọi năm / all years",
            var (f, t) => $"{f?.ToString() ?? "…"}–{t?.ToString() ?? "…"}",
        };
        console.MarkupLineInterpolated($"[bold]{d.Name}[/] ({d.Unit}, {d.Type}) — năm đăng ký / registration years: {period}");
        var table = new Table().AddColumn("Chỉ tiêu / measure").AddColumn(new TableColumn("Số mô hình / models").RightAligned());
        void Row(string label, int value) => table.AddRow(Markup.Escape(label), Numbers.Format(value));
        Row("Tổng số mô hình đang thực hiện / active models", d.Total);
        foreach (var field in Enum.GetValues<Field>())
        {
            Row($"  {field.Vietnamese()} ({field.Code()})", d.ByField[field.Code()]);
        }

        Row("  Tập thể / collective", d.ByKind["collective"]);
        Row("  Cá nhân / individual", d.ByKind["individual"]);
        Row("Đã đánh giá / evaluated", d.Evaluated);
        Row("Hiệu quả, có sức lan tỏa / effective", d.Effective);
        Row("Điển hình / exemplars", d.Exemplars);
        for (var i = 0; i < 4; i++)
        {
            var code = Codes.AwardLevelCodes[i];
            Row($"Được khen thưởng {Codes.AwardLevelVietnamese[i].ToLowerInvariant()} / commended ({code})", d.Commended[code]);
        }

        Row("Đăng ký cấp xã / registered at commune", d.ByRegistrationLevel["commune"]);
        Row("Đăng ký cấp huyện / registered at district", d.ByRegistrationLevel["district"]);
        Row("Đăng ký cấp tỉnh / registered at province", d.ByRegistrationLevel["province"]);
        Row("Đăng ký cả ba cấp / at all three levels", d.ByRegistrationLevel["allThree"]);
        Row("Đã dừng thực hiện / discontinued", d.Discontinued);
        console.Write(table);
        if (children is { Count: > 0 })
        {
            var childTable = new Table().AddColumn("Mã / code").AddColumn("Đơn vị trực thuộc / child unit").AddColumn("Cấp / level")
                .AddColumn(new TableColumn("Mô hình / models").RightAligned());
            foreach (var child in children)
            {
                childTable.AddRow(
                    Markup.Escape(child.Code),
                    Markup.Escape(child.Name),
                    child.Level.Vietnamese(),
                    Numbers.Format(child.Tally.Summarize(d.From, d.To).Total));
            }

            console.Write(childTable);
        }

        console.MarkupLineInterpolated($"[grey]Cập nhật lúc / as of {d.AsOf.ToLocalTime():yyyy-MM-dd HH:mm:ss.fff}[/]");
    }
}
