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

        try
        {
            await LoadAsync(folder, unitsPath, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The silo stays useful without the demo data: say so and carry on.
            LogFailed(logger, exception);
        }
    }

    private async Task LoadAsync(string folder, string unitsPath, CancellationToken stoppingToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var unitRows = Read(unitsPath, UnitCsv.Read);
        var modelFiles = Directory.EnumerateFiles(Path.Combine(folder, "reports"), "*.csv").Order(StringComparer.Ordinal).Select(f => Read(f, ModelCsv.Read)).ToList();

        // Provinces and the units that own report models first, then the models, then the other
        // ~10,000 units: the national numbers appear within a second or two, not after the whole list.
        var first = FirstUnits(unitRows, modelFiles.SelectMany(rows => rows).Where(r => r.Value is not null).Select(r => r.Value!.Unit));
        var early = await UnitImporter.ImportAsync(grains, [.. unitRows.Where(r => r.Value is not null && first.Contains(r.Value.Code))], cancellationToken: stoppingToken);
        var models = 0;
        foreach (var rows in modelFiles)
        {
            models += (await ModelImporter.ImportAsync(grains, rows, cancellationToken: stoppingToken)).Stored;
        }

        index.Invalidate();
        Console.WriteLine($"  Dữ liệu mẫu / demo data: {models:N0} models of the published reports loaded in {stopwatch.Elapsed.TotalSeconds:0.0} s; loading the other units…");
        var rest = await UnitImporter.ImportAsync(grains, [.. unitRows.Where(r => r.Value is not null && !first.Contains(r.Value.Code))], cancellationToken: stoppingToken);
        index.Invalidate();
        Console.WriteLine($"  Dữ liệu mẫu / demo data: {early.Stored + rest.Stored:N0} units, {models:N0} models in {stopwatch.Elapsed.TotalSeconds:0.0} s (Demo__Load=false to start empty)");
    }

    /// <summary>Every province, and each unit that owns a model with its ancestors.</summary>
    private static HashSet<string> FirstUnits(List<CsvRow<UnitDefinition>> units, IEnumerable<string> modelUnits)
    {
        var parents = units.Where(r => r.Value is not null).ToDictionary(r => r.Value!.Code, r => r.Value!.ParentCode);
        var first = units.Where(r => r.Value?.Level == Level.Province).Select(r => r.Value!.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var code in modelUnits)
        {
            // Stops at a unit already taken: its ancestors are taken too.
            var current = code;
            while (current is not null && parents.TryGetValue(current, out var parent) && first.Add(current))
            {
                current = parent;
            }
        }

        return first;
    }

    private static List<CsvRow<T>> Read<T>(string path, Func<TextReader, IEnumerable<CsvRow<T>>> read)
        where T : class
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return [.. read(reader)];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the demo data failed; the silo runs on without it")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data not found at {Path}; starting empty")]
    private static partial void LogMissing(ILogger logger, string path);
}
