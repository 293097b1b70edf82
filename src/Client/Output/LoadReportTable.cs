using DanVanKheo.Client.Load;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>The load test's result as a Vietnamese/English table.</summary>
public static class LoadReportTable
{
    /// <summary>Silo and client CPU per update, and what one silo core carries at that cost (the sizing figure).</summary>
    public static string PerUpdate(LoadReport report)
    {
        var client = $"dvk {Numbers.Format(report.Client.CpuMicrosecondsPerUpdate, 1)} µs";
        return report.Silo.CpuMicrosecondsPerUpdate is { } silo && silo > 0
            ? $"silo {Numbers.Format(silo, 1)} µs · {client} ≈ {Numbers.Format(1e6 / silo, 0)} cập nhật/giây mỗi lõi / updates/s per silo core"
            : $"silo n/a (--silo-pid) · {client}";
    }

    /// <summary>The machine gauge as one line: calls per second, the silo's CPU per call (with its process id) and one memory read.</summary>
    public static string Gauge(MachineGauge gauge) =>
        $"{Numbers.Format(gauge.NoOpCallsPerSecond, 0)} lời gọi/giây / calls/s"
        + (gauge.SiloCpuMicrosecondsPerCall is { } cpu ? $" · silo {Numbers.Format(cpu, 1)} µs mỗi lời gọi / per call" : "")
        + $" · đọc bộ nhớ / memory read {Numbers.Format(gauge.MemoryLatencyNanoseconds, 0)} ns"
        + $" ({Numbers.Format(gauge.Seconds, 1)} s, {Numbers.Format(gauge.Population)} grains, {Numbers.Format(gauge.Concurrency)} in flight)";

    public static void Write(IAnsiConsole console, LoadReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Chỉ số / figure").AddColumn(new TableColumn("Giá trị / value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        // Every number in Vietnamese form (10.196; 15,5 s), as in dvk's other tables.
        string Ms(Percentiles p) =>
            $"p50 {Numbers.Format(p.P50, 1)} · p95 {Numbers.Format(p.P95, 1)} · p99 {Numbers.Format(p.P99, 1)} · max {Numbers.Format(p.Max, 1)} ms";
        string Gb(long bytes) => $"{Numbers.Format(bytes / (1024.0 * 1024 * 1024), 2)} GiB";
        string Percent(double value) => $"{Numbers.Format(value, 0)}%";

        Row("Tỉnh / provinces", Numbers.Format(report.Provinces));
        Row("Đơn vị / units (thôn mỗi xã / hamlets per commune)", $"{Numbers.Format(report.Units)} ({Numbers.Format(report.HamletsPerCommune)})");
        Row("Mô hình / models", Numbers.Format(report.Models));
        Row("Nạp ban đầu / initial load", $"{Numbers.Format(report.InitialLoadSeconds, 1)} s ({Numbers.Format(report.InitialModelsPerSecond, 0)} models/s)");
        Row("Cập nhật / updates (target rate)", $"{Numbers.Format(report.Updates)} in {Numbers.Format(report.DurationSeconds, 1)} s ({Numbers.Format(report.TargetRate, 0)}/s)");
        Row("Thông lượng / updates per second", Numbers.Format(report.UpdatesPerSecond, 0));
        Row("Độ trễ ghi / write latency", Ms(report.WriteLatencyMs));
        Row("Độ trễ tổng hợp / roll-up lag to VN", Ms(report.RollupLagMs) + $" ({Numbers.Format(report.RollupLagMs.Count)} probes)");
        Row("Tin nhắn đến VN / national messages per second", Numbers.Format(report.NationalMessagesPerSecond, 1));
        Row("Lỗi / failed updates", Numbers.Format(report.FailedUpdates));
        Row("CPU silo (trên mọi lõi / of all cores · tiến trình / process, 100 % = 1 lõi / core)", $"{Percent(report.Silo.CpuOfAllCoresPercent)} / {(report.Silo.ProcessCpuPercent is { } p ? Percent(p) : "n/a")}");
        Row("CPU mỗi cập nhật / CPU per update (silo · dvk)", PerUpdate(report));
        Row("Silo memory (peak / peak RSS)", $"{Gb(report.Silo.PeakMemoryBytes)} / {(report.Silo.ProcessPeakRssBytes is { } r ? Gb(r) : "n/a")}");
        Row("Máy / machine", report.Machine);
        if (report.MachineGauge is { } gauge)
        {
            Row("Tốc độ máy lúc đo / machine speed now (no-op calls/s from dvk)", Gauge(gauge));
        }

        console.Write(table);
        if (report.Verified)
        {
            console.MarkupLine($"[green]Đã kiểm tra / verified:[/] mọi số liệu khớp / every tally of {Numbers.Format(report.Units)} units and VN equals the truth the test generated.");
        }
        else
        {
            console.MarkupLine($"[red]Sai lệch / NOT verified:[/] {Numbers.Format(report.Mismatches)} tallies differ, {Numbers.Format(report.FailedUpdates)} updates failed.");
            foreach (var sample in report.MismatchSamples)
            {
                console.MarkupLineInterpolated($"[red]  {sample}[/]");
            }
        }
    }
}
