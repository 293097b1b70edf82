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
}
