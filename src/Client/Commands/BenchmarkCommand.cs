using System.CommandLine;
using DanVanKheo.Client.Output;
using DanVanKheo.Import;
using DanVanKheo.Import.Synthetic;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// <c>dvk benchmark import</c>: imports freshly generated models (a new made-up province each run, so every
/// model is a real first write) and prints the sustained rate in models/s.
/// </summary>
public static class BenchmarkCommand
{
    public static Command Create(CliContext context)
    {
        var benchmark = new Command("benchmark", "Đo hiệu năng / measure throughput");
        var models = new Option<int>("--models") { Description = "Models to import", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Calls in flight", DefaultValueFactory = _ => 1000 };
        var import = new Command("import", "Tốc độ nhập mô hình / model import rate (models/s)") { models, concurrency };
        import.SetRunner(context, async (parse, ct) =>
        {
            var count = parse.GetValue(models);
            if (count <= 0)
            {
                throw new DvkException("bad-count", "--models must be positive");
            }

            var data = new SyntheticData("bench" + DateTime.UtcNow.ToString("yyMMddHHmmss"), count, seed: Environment.TickCount);
            var grains = await context.ConnectAsync(parse, ct);
            var units = await UnitImporter.ImportAsync(grains, data.UnitRows, cancellationToken: ct);
            if (!units.AllStored)
            {
                throw new DvkException("benchmark-failed", $"defining the benchmark units failed: {units.Rejected[0].Error}");
            }

            var report = await ImportProgress.RunAsync(
                context.Console, "Nhập mô hình / models", count, progress => ModelImporter.ImportAsync(grains, data.ModelRows, progress, parse.GetValue(concurrency), ct));
            var rate = report.Stored / report.Elapsed.TotalSeconds;
            context.Console.MarkupLine(
                $"benchmark import: {Numbers.Format(report.Stored)} models in {Numbers.Format(report.Elapsed.TotalSeconds, 2)} s = [bold]{rate.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)} models/s[/] " +
                $"(concurrency {parse.GetValue(concurrency)}, province {data.Province})");
            return report.AllStored ? CommandRunner.Ok : CommandRunner.Rejected;
        });
        benchmark.Subcommands.Add(import);
        return benchmark;
    }
}
