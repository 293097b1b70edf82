namespace DanVanKheo.Silo.Hosting;

/// <summary>Tells the person who started the silo what it is, where to reach it and whether data is kept.</summary>
public static class StartupBanner
{
    public static void PrintWhenStarted(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var silo = app.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
            var storage = app.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine();
            Console.WriteLine("DanVanKheo — hệ thống tổng hợp mô hình \"Dân vận khéo\" / live tally of \"Dân vận khéo\" models");
            Console.WriteLine($"  Silo:      cluster '{silo.ClusterId}', silo port {silo.SiloPort}, gateway 127.0.0.1:{silo.GatewayPort}");
            var first = app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "";
            Console.WriteLine($"  Bảng theo dõi / dashboard:  {first}/");
            Console.WriteLine($"  API (OpenAPI + Scalar):     {first}/scalar   {first}/openapi/v1.json");
            Console.WriteLine(app.Configuration.IsOperatorDashboardEnabled()
                ? $"  Orleans Dashboard:          {first}{OperatorDashboardExtensions.Path}"
                : $"  Orleans Dashboard:          off ({OperatorDashboardExtensions.EnabledKey} = false)");
            Console.WriteLine($"  Client:    dotnet run --project src/Client -- --gateway 127.0.0.1:{silo.GatewayPort} tally VN");
            Console.WriteLine($"  GC:        {CollectorSettings()}");
            if (storage.IsMemory)
            {
                Console.WriteLine("  CẢNH BÁO / WARNING: lưu trong bộ nhớ — dữ liệu mất khi dừng silo / in-memory storage: data is NOT kept when the silo stops.");
                Console.WriteLine("            Set Storage__Provider=Postgres to keep it.");
            }
            else
            {
                var database = new Npgsql.NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString(StorageSettings.ConnectionName));
                Console.WriteLine($"  Storage:   PostgreSQL {database.Host}:{database.Port}/{database.Database} (membership, grain state, reminders; schema v{DanVanKheo.Silo.Storage.PostgresSchema.LatestVersion})");
            }

            Console.WriteLine();
        });
    }

    /// <summary>
    /// The collector's settings as the runtime applies them (from the silo's runtimeconfig.json or DOTNET_ variables): its
    /// young-generation budget decides how long each pause, and so the roll-up lag's tail, is (docs/performance.md).
    /// </summary>
    public static string CollectorSettings()
    {
        var settings = GC.GetConfigurationVariables();
        var server = settings.TryGetValue("ServerGC", out var s) && s is true;
        var heaps = settings.TryGetValue("HeapCount", out var h) ? h : 1;
        var budget = settings.TryGetValue("GCGen0MaxBudget", out var b) && Convert.ToInt64(b, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var bytes
            ? $"{bytes / (1024 * 1024)} MiB per heap"
            : "the runtime's own";
        return $"{(server ? "server" : "workstation")}, {heaps} heap(s), gen0 budget at most {budget} (System.GC.Gen0MaxBudget)";
    }
}
