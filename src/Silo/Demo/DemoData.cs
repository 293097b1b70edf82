using System.Diagnostics;
using System.Text;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;
using DanVanKheo.Silo.Api;
using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Silo.Demo;

/// <summary>
/// Fills an in-memory silo with the real administrative units and the models behind the published
/// reports, after the web server is listening, so a new user sees a national dashboard with data at once.
/// </summary>
public sealed partial class DemoData(
    IGrainFactory grains,
    IOptions<DemoSettings> settings,
    IOptions<StorageSettings> storage,
    IHostApplicationLifetime lifetime,
    UnitIndex index,
    ILogger<DemoData> logger) : BackgroundService
{
    public const string UnitsFile = "vn-admin-units-2025-03.csv";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Load || !storage.Value.IsMemory)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        var folder = Path.Combine(AppContext.BaseDirectory, settings.Value.DataFolder);
        var unitsPath = Path.Combine(folder, UnitsFile);
        if (!File.Exists(unitsPath))
        {
            LogMissing(logger, unitsPath);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var units = await UnitImporter.ImportAsync(grains, Read(unitsPath, UnitCsv.Read), cancellationToken: stoppingToken);
        var models = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder, "reports"), "*.csv").Order(StringComparer.Ordinal))
        {
            var report = await ModelImporter.ImportAsync(grains, Read(file, ModelCsv.Read), cancellationToken: stoppingToken);
            models += report.Stored;
        }

        index.Invalidate();
        Console.WriteLine($"  Dữ liệu mẫu / demo data: {units.Stored:N0} units, {models:N0} models loaded in {stopwatch.Elapsed.TotalSeconds:0.0} s (Demo__Load=false to start empty)");
    }

    private static List<CsvRow<T>> Read<T>(string path, Func<TextReader, IEnumerable<CsvRow<T>>> read)
        where T : class
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return [.. read(reader)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not found at {Path}; starting empty")]
    private static partial void LogMissing(ILogger logger, string path);
}
