using DanVanKheo.Client.Bench;
using DanVanKheo.Client.Load;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>The benchmark as a table: read latency per level for each system, the ratios, and write throughput.</summary>
public static class BenchReportTable
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Cấp / level (unit, models)")
            .AddColumn(new TableColumn("Orleans p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("SQL GROUP BY, không ghi / no writes p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("SQL GROUP BY p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("SQL counters p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("× vs GROUP BY no writes").RightAligned())
            .AddColumn(new TableColumn("× vs GROUP BY").RightAligned())
            .AddColumn(new TableColumn("× vs counters").RightAligned());
        foreach (var r in report.Reads)
        {
            table.AddRow(
                Markup.Escape($"{r.Level} ({r.Unit}, {Numbers.Format(r.Models)})"),
                Pair(r.Ours),
                Pair(r.SqlGroupByQuiet),
                Pair(r.SqlGroupBy),
                Pair(r.SqlCounters),
                $"{Numbers.Format(report.Speedup[r.Level], 1)}×",
                $"{Numbers.Format(report.SpeedupUnderWrites[r.Level], 1)}×",
                $"{Numbers.Format(report.SpeedupVsCounters[r.Level], 1)}×");
        }

        console.Write(table);
        console.MarkupLine("Tỷ lệ đầu / the first ratio: SQL with the database to itself against our reads while writes continue.");
        console.MarkupLineInterpolated(
            $"Ghi / writes per second: Orleans [green]{Numbers.Format(report.WritesPerSecond.Ours, 0)}[/], SQL table [yellow]{Numbers.Format(report.WritesPerSecond.SqlGroupByTable, 0)}[/], SQL with trigger counters [yellow]{Numbers.Format(report.WritesPerSecond.SqlCounters, 0)}[/]");
        console.MarkupLineInterpolated($"Đọc trong khi ghi / reads while {Numbers.Format(report.BackgroundWriteRate, 0)} writes/s continue in the system being read, except the \"no writes\" column. Máy / machine: {report.Machine}");
        if (report.SameNumbers)
        {
            console.MarkupLine("[green]Cùng số liệu / same numbers:[/] both SQL variants computed exactly the tallies the grains hold.");
        }
        else
        {
            console.MarkupLine("[red]Khác số liệu / numbers differ[/] between SQL and the grains: the comparison is not valid.");
        }
    }

    private static string Pair(Percentiles p) => $"{Numbers.Format(p.P50, 3)} / {Numbers.Format(p.P99, 3)}";
}
