using DanVanKheo.Client.Bench;
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
            .AddColumn(new TableColumn("SQL GROUP BY p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("SQL counters p50 / p99 ms").RightAligned())
            .AddColumn(new TableColumn("× vs GROUP BY").RightAligned())
            .AddColumn(new TableColumn("× vs counters").RightAligned());
        foreach (var r in report.Reads)
        {
            table.AddRow(
                Markup.Escape($"{r.Level} ({r.Unit}, {Numbers.Format(r.Models)})"),
                $"{r.Ours.P50:0.000} / {r.Ours.P99:0.000}",
                $"{r.SqlGroupBy.P50:0.000} / {r.SqlGroupBy.P99:0.000}",
                $"{r.SqlCounters.P50:0.000} / {r.SqlCounters.P99:0.000}",
                $"{report.Speedup[r.Level]:0.0}×",
                $"{report.SpeedupVsCounters[r.Level]:0.0}×");
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"Ghi / writes per second: Orleans [green]{Numbers.Format(report.WritesPerSecond.Ours, 0)}[/], SQL table [yellow]{Numbers.Format(report.WritesPerSecond.SqlGroupByTable, 0)}[/], SQL with trigger counters [yellow]{Numbers.Format(report.WritesPerSecond.SqlCounters, 0)}[/]");
        console.MarkupLineInterpolated($"Đọc trong khi ghi / reads while {Numbers.Format(report.BackgroundWriteRate, 0)} writes/s continue in the system being read. Máy / machine: {report.Machine}");
        if (report.SameNumbers)
        {
            console.MarkupLine("[green]Cùng số liệu / same numbers:[/] both SQL variants computed exactly the tallies the grains hold.");
        }
        else
        {
            console.MarkupLine("[red]Khác số liệu / numbers differ[/] between SQL and the grains: the comparison is not valid.");
        }
    }
}
