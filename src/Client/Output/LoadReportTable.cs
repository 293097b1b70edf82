using DanVanKheo.Client.Load;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>The load test's result as a Vietnamese/English table.</summary>
public static class LoadReportTable
{
    public static void Write(IAnsiConsole console, LoadReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Chỉ số / figure").AddColumn(new TableColumn("Giá trị / value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        string Ms(Percentiles p) => $"p50 {p.P50:0.0} · p95 {p.P95:0.0} · p99 {p.P99:0.0} · max {p.Max:0.0} ms";
        string Gb(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB";

        Row("Tỉnh / provinces", Numbers.Format(report.Provinces));
        Row("Đơn vị / units (thôn mỗi xã / hamlets per commune)", $"{Numbers.Format(report.Units)} ({report.HamletsPerCommune})");
        Row("Mô hình / models", Numbers.Format(report.Models));
        Row("Nạp ban đầu / initial load", $"{report.InitialLoadSeconds:0.0} s ({Numbers.Format(report.InitialModelsPerSecond, 0)} models/s)");
        Row("Cập nhật / updates (target rate)", $"{Numbers.Format(report.Updates)} in {report.DurationSeconds:0.0} s ({Numbers.Format(report.TargetRate, 0)}/s)");
        Row("Thông lượng / updates per second", Numbers.Format(report.UpdatesPerSecond, 0));
        Row("Độ trễ ghi / write latency", Ms(report.WriteLatencyMs));
        Row("Độ trễ tổng hợp / roll-up lag to VN", Ms(report.RollupLagMs) + $" ({report.RollupLagMs.Count} probes)");
        Row("Tin nhắn đến VN / national messages per second", Numbers.Format(report.NationalMessagesPerSecond, 1));
        Row("Lỗi / failed updates", Numbers.Format(report.FailedUpdates));
        Row("Silo CPU (machine / process)", $"{report.Silo.MachineCpuPercent:0}% / {(report.Silo.ProcessCpuPercent is { } p ? $"{p:0}%" : "n/a")}");
        Row("Silo memory (peak / peak RSS)", $"{Gb(report.Silo.PeakMemoryBytes)} / {(report.Silo.ProcessPeakRssBytes is { } r ? Gb(r) : "n/a")}");
        Row("Máy / machine", report.Machine);
        console.Write(table);
        if (report.Verified)
        {
            console.MarkupLine($"[green]Đã kiểm tra / verified:[/] mọi số liệu khớp / every tally of {Numbers.Format(report.Units)} units and VN equals the truth the test generated.");
        }
        else
        {
            console.MarkupLine($"[red]Sai lệch / NOT verified:[/] {report.Mismatches} tallies differ, {report.FailedUpdates} updates failed.");
            foreach (var sample in report.MismatchSamples)
            {
                console.MarkupLineInterpolated($"[red]  {sample}[/]");
            }
        }
    }
}
