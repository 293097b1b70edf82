using System.CommandLine;
using System.Globalization;
using System.Text;
using DanVanKheo.Client.Load;
using DanVanKheo.Client.Output;
using DanVanKheo.Import.Csv;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk loadtest</c>: simulated provinces, initial models, mixed updates at a rate, verified tallies, a report.</summary>
public static class LoadTestCommand
{
    public const string DefaultUnitsFile = "data/vn-admin-units-2025-03.csv";

    public static readonly Option<FileInfo?> Units = new("--units") { Description = $"Official units CSV (default {DefaultUnitsFile})" };
    public static readonly Option<string> Provinces = new("--provinces") { Description = "Number of provinces to simulate, or 'all'", DefaultValueFactory = _ => "2" };
    public static readonly Option<int> Hamlets = new("--hamlets-per-commune") { Description = "Generated hamlets under each commune", DefaultValueFactory = _ => 2 };
    public static readonly Option<int> Models = new("--models") { Description = "Initial models", DefaultValueFactory = _ => 10_000 };
    public static readonly Option<int> Concurrency = new("--concurrency") { Description = "Writes in flight at most", DefaultValueFactory = _ => 256 };
    public static readonly Option<FileInfo?> Report = new("--report") { Description = "Write the report as JSON to this file" };

    public static Command Create(CliContext context)
    {
        var rate = new Option<double>("--rate") { Description = "Mixed updates per second (register, evaluate, commend, discontinue)", DefaultValueFactory = _ => 1000 };
        var duration = new Option<string>("--duration") { Description = "How long updates run: seconds, or 90s, 5m", DefaultValueFactory = _ => "30" };
        var probes = new Option<double>("--probes-per-second") { Description = "Probe registrations per second that measure the roll-up lag to VN", DefaultValueFactory = _ => 50 };
        var siloPid = new Option<int?>("--silo-pid") { Description = "Process id of a silo on this machine: exact CPU time and peak memory from /proc" };
        var chart = new Option<FileInfo?>("--chart") { Description = "Write throughput and lag over time as an SVG chart" };
        var settle = new Option<int>("--settle-timeout") { Description = "Seconds to wait for the national tally to include every write", DefaultValueFactory = _ => 120 };
        var gauge = new Option<double>("--gauge-seconds") { Description = "Seconds to measure the machine's speed (no-op grain calls/s, after 10 s of warm-up) before the run; 0 skips it", DefaultValueFactory = _ => 5 };
        var command = new Command("loadtest", "Thử tải với các tỉnh mô phỏng / load test on simulated provinces, verified against its own truth")
        {
            Units, Provinces, Hamlets, Models, rate, duration, Concurrency, probes, siloPid, Report, chart, settle, gauge,
        };
        command.SetRunner(context, async (parse, ct) =>
        {
            var options = new LoadOptions(
                FindUnitsFile(parse.GetValue(Units)),
                ParseProvinces(parse.GetValue(Provinces)),
                Positive(parse.GetValue(Hamlets), "--hamlets-per-commune", allowZero: true),
                Positive(parse.GetValue(Models), "--models", allowZero: true),
                parse.GetValue(rate) is var r && r > 0 ? r : throw new DvkException("bad-rate", "--rate must be above 0"),
                ParseDuration(parse.GetValue(duration)),
                Positive(parse.GetValue(Concurrency), "--concurrency"),
                Math.Max(0, parse.GetValue(probes)),
                parse.GetValue(siloPid),
                TimeSpan.FromSeconds(Positive(parse.GetValue(settle), "--settle-timeout")),
                parse.GetValue(gauge) is var g && g >= 0 && double.IsFinite(g) ? g : throw new DvkException("bad-option", $"--gauge-seconds must be 0 or more, not {g}"));
            var country = LoadCountry(options.UnitsFile, options.Provinces, options.HamletsPerCommune);
            var grains = await context.ConnectAsync(parse, ct);
            context.Console.MarkupLineInterpolated(
                $"Thử tải / load test: {country.Provinces} tỉnh / provinces, {Numbers.Format(country.Units.Length)} đơn vị / units, {Numbers.Format(options.Models)} mô hình / models, {Numbers.Format(options.Rate, 0)} cập nhật/giây / updates/s trong / for {options.Duration.TotalSeconds:0} s");
            LoadReport? report = null;
            await context.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress => report = await new LoadRunner(grains, country, options, new LoadProgressBar(progress)).RunAsync(ct));
            LoadReportTable.Write(context.Console, report!);
            await WriteFilesAsync(context, report!, parse.GetValue(Report), parse.GetValue(chart), ct);
            return report!.Verified ? CommandRunner.Ok : CommandRunner.Rejected;
        });
        return command;
    }

    public static SimulatedCountry LoadCountry(string unitsFile, int? provinces, int hamlets)
    {
        using var reader = new StreamReader(unitsFile, Encoding.UTF8);
        var rows = UnitCsv.Read(reader).ToList();
        if (rows.FirstOrDefault(r => r.Error is not null) is { } bad)
        {
            throw new DvkException("bad-units-file", $"{unitsFile} line {bad.Line}: {bad.Error}");
        }

        return SimulatedCountry.Build([.. rows.Select(r => r.Value!)], provinces, hamlets);
    }

    public static async Task WriteFilesAsync(CliContext context, LoadReport report, FileInfo? reportFile, FileInfo? chartFile, CancellationToken cancellationToken)
    {
        if (reportFile is not null)
        {
            await Json.WriteReportAsync(context, reportFile, report, cancellationToken);
        }

        if (chartFile is not null)
        {
            var title = $"dvk loadtest: {report.Provinces} tỉnh, {Numbers.Format(report.Models)} mô hình, {Numbers.Format(report.UpdatesPerSecond, 0)} cập nhật/giây";
            await File.WriteAllTextAsync(chartFile.FullName, SvgChart.Render(report.Timeline, title), new UTF8Encoding(false), cancellationToken);
            context.Console.MarkupLineInterpolated($"Biểu đồ / chart: {chartFile.FullName}");
        }
    }

    public static string FindUnitsFile(FileInfo? given)
    {
        if (given is not null)
        {
            return given.Exists ? given.FullName : throw new DvkException("no-units-file", $"units file '{given.FullName}' does not exist");
        }

        var candidates = new[] { Path.Combine(Directory.GetCurrentDirectory(), DefaultUnitsFile), Path.Combine(AppContext.BaseDirectory, DefaultUnitsFile) };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new DvkException("no-units-file", $"cannot find {DefaultUnitsFile}; pass --units FILE");
    }

    public static int? ParseProvinces(string? text) =>
        string.Equals(text, "all", StringComparison.OrdinalIgnoreCase) ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : throw new DvkException("bad-provinces", $"--provinces must be a number or 'all', not '{text}'");

    public static TimeSpan ParseDuration(string? text)
    {
        var value = (text ?? "").Trim().ToLowerInvariant();
        var (number, unit) = value.EndsWith('m') ? (value[..^1], 60) : value.EndsWith('s') ? (value[..^1], 1) : (value, 1);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0
            ? TimeSpan.FromSeconds(amount * unit)
            : throw new DvkException("bad-duration", $"--duration must be seconds (20, 90s) or minutes (5m), not '{text}'");
    }

    private static int Positive(int value, string name, bool allowZero = false) =>
        value > 0 || (allowZero && value == 0) ? value : throw new DvkException("bad-option", $"{name} must be {(allowZero ? "0 or more" : "above 0")}, not {value}");
}
