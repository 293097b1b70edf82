using DanVanKheo.Grains;
using Orleans.Configuration;

namespace DanVanKheo.Silo.Hosting;

public static class SiloHostingExtensions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>The Orleans silo with the storage, clustering and reminders that configuration selects.</summary>
    public static WebApplicationBuilder AddDanVanKheoSilo(this WebApplicationBuilder builder)
    {
        var siloOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var storage = builder.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        if (!storage.IsMemory && !storage.IsPostgres)
        {
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not known; use Memory or Postgres");
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            // A default in code, not in appsettings.json, so that ASPNETCORE_URLS (read before appsettings) still wins.
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.AddDanVanKheoGrains();
        if (storage.IsPostgres)
        {
            // Registered before the silo, so the schema exists before Orleans reads its membership table.
            builder.AddPostgresSchemaMigration();
        }

        builder.UseOrleans(silo =>
        {
            if (storage.IsPostgres)
            {
                silo.UsePostgres(builder.Configuration, siloOptions);
            }
            else
            {
                silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Store);
                silo.UseInMemoryReminderService();
                silo.Services.AddMemoryModelCatalog();
            }

            silo.AddOperatorDashboard();
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        });
        return builder;
    }
}
