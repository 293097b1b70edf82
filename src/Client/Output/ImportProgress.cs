using DanVanKheo.Import;
using Spectre.Console;

namespace DanVanKheo.Client.Output;

/// <summary>A progress bar while an import runs, then the outcome with each refused row's line and reason.</summary>
public static class ImportProgress
{
    public static async Task<ImportReport> RunAsync(IAnsiConsole console, string title, int rows, Func<Action<int>, Task<ImportReport>> import)
    {
        ImportReport? report = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(title, maxValue: Math.Max(rows, 1));
                report = await import(n => task.Increment(n));
                task.Value = task.MaxValue;
            });
        return report!;
    }

    public static int Print(IAnsiConsole console, ImportReport report, string what)
    {
        var rate = report.Elapsed.TotalSeconds > 0 ? report.Stored / report.Elapsed.TotalSeconds : 0;
        console.MarkupLine(
            $"Đã lưu / stored [green]{Numbers.Format(report.Stored)}[/] {what} trong / in {Numbers.Format(report.Elapsed.TotalSeconds, 1)} s " +
            $"({Numbers.Format(rate, 0)}/s); bị từ chối / rejected [{(report.AllStored ? "green" : "red")}]{Numbers.Format(report.Rejected.Count)}[/].");
        foreach (var (line, error) in report.Rejected)
        {
            console.MarkupLineInterpolated($"[red]dòng / line {line}:[/] {error}");
        }

        return report.AllStored ? 0 : 1;
    }
}
