using System.CommandLine;
using DanVanKheo.Client.Output;
using DanVanKheo.Import;
using DanVanKheo.Import.Synthetic;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// <c>dvk benchmark import</c>: imports freshly generated models (a new made-up province each run, so every
/// model is a real first write) and prints the sustained rate in models/s; <c>dvk benchmark hops</c>: see
/// <see cref="HopsBenchmarkCommand"/>.
/// </summary>
public static class BenchmarkCommand
{
    public static Command Create(CliContext context)
    {
        var benchmark = new Command("benchmark", "Đo hiệu năng / measure throughput");
        var models = new Option<int>("--models") { Description = "Models to import", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight", DefaultValueFactory = _ => 1000 };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Models imported first, untimed, into a province of their own (a fresh silo compiles its code paths and opens its connections then)",
            DefaultValueFactory = _ => 2_000,
        };
        var import = new Command("import", "Tốc độ nhập mô hình / model import rate (models/s)") { models, concurrency, warmup };
        import.SetRunner(context, async (parse, ct) =>
        {
            var count = parse.GetValue(models);
            if (count <= 0)
            {
                throw new DvkException("bad-count", "--models must be positive");
            }

            var grains = await context.ConnectAsync(parse, ct);
            var stamp = DateTime.UtcNow.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            if (parse.GetValue(warmup) is > 0 and var warm)
            {
                var (warmReport, warmProvince) = await ImportAsync(new SyntheticData("warm" + stamp, warm, seed: Environment.TickCount), "Khởi động / warm-up");
                context.Console.MarkupLine(
                    $"warm-up (untimed): {Numbers.Format(warmReport.Stored)} models in {Numbers.Format(warmReport.Elapsed.TotalSeconds, 2)} s = {Rate(warmReport)} models/s (province {warmProvince})");
            }

            var (report, province) = await ImportAsync(new SyntheticData("bench" + stamp, count, seed: Environment.TickCount), "Nhập mô hình / models");
            context.Console.MarkupLine(
                $"benchmark import: {Numbers.Format(report.Stored)} models in {Numbers.Format(report.Elapsed.TotalSeconds, 2)} s = [bold]{Rate(report)} models/s[/] " +
                $"(concurrency {parse.GetValue(concurrency)}, province {province})");
            return report.AllStored ? CommandRunner.Ok : CommandRunner.Rejected;

            async Task<(ImportReport Report, string Province)> ImportAsync(SyntheticData data, string label)
            {
                var units = await UnitImporter.ImportAsync(grains, data.UnitRows, cancellationToken: ct);
                if (!units.AllStored)
                {
                    throw new DvkException("benchmark-failed", $"defining the benchmark units failed: {units.Rejected[0].Error}");
                }

                var imported = await ImportProgress.RunAsync(
                    context.Console, label, data.Models.Count, progress => ModelImporter.ImportAsync(grains, data.ModelRows, progress, parse.GetValue(concurrency), ct));
                return (imported, data.Province);
            }
        });
        benchmark.Subcommands.Add(import);
        benchmark.Subcommands.Add(HopsBenchmarkCommand.Create(context));
        return benchmark;
    }

    private static string Rate(ImportReport report) =>
        (report.Stored / report.Elapsed.TotalSeconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
}
