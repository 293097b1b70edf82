using DanVanKheo.ServiceDefaults;
using DanVanKheo.Grains;
using DanVanKheo.Silo.Storage;
using Orleans.Runtime.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DanVanKheo.Silo.Hosting;

public static class SiloHostingExtensions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Overrides of Orleans' <see cref="GrainDirectoryOptions"/> (CachingStrategy, CacheSize), for every storage provider.</summary>
    public const string DirectoryCacheSection = "Orleans:DirectoryCache";

    /// <summary>The Orleans silo with the storage, clustering and reminders that configuration selects.</summary>
    public static WebApplicationBuilder AddDanVanKheoSilo(this WebApplicationBuilder builder)
    {
        var siloOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var storage = builder.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        if (!storage.IsMemory && !storage.IsPostgres)
        {
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not known; use Memory, LocalMemory or Postgres");
        }

        if (!storage.IsLocalMemory && builder.Configuration.GetValue<bool>($"{RollupOptions.Section}:{nameof(RollupOptions.WriteBehind)}"))
        {
            // Write-behind would acknowledge writes that never reached the database (or the cluster's memory storage).
            throw new InvalidOperationException(
                $"Rollup:WriteBehind is only for Storage:Provider=LocalMemory, not '{storage.Provider}': there an acknowledged write must be stored before it is acknowledged");
        }

        var workingSet = builder.Configuration.ActivationWorkingSet(storage.IsPostgres);
        var activationCapacity = ActivationTable.CapacityFrom(builder.Configuration);
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

        // In memory nothing outlives the process, so the compact Orleans binary format replaces the default
        // JSON (Newtonsoft): the JSON serialiser was the largest CPU cost of a write under load.
        foreach (var name in new[] { StorageNames.Store, StorageNames.Rollup })
        {
            builder.Services.AddOptions<MemoryGrainStorageOptions>(name)
                .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
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
                foreach (var name in new[] { StorageNames.Store, StorageNames.Rollup })
                {
                    if (storage.IsLocalMemory)
                    {
                        silo.Services.AddGrainStorage(name, (services, _) => ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(services));
                    }
                    else
                    {
                        silo.AddMemoryGrainStorage(name);
                    }
                }

                silo.UseInMemoryReminderService();
                if (builder.Configuration[$"{RollupOptions.Section}:{nameof(RollupOptions.ResendReminders)}"] is null)
                {
                    // Nothing survives a crash in memory, so the re-send reminders would protect nothing (see the option).
                    silo.Services.PostConfigure<RollupOptions>(o => o.ResendReminders = false);
                }

                if (storage.IsLocalMemory && builder.Configuration[$"{RollupOptions.Section}:{nameof(RollupOptions.WriteBehind)}"] is null)
                {
                    silo.Services.PostConfigure<RollupOptions>(o => o.WriteBehind = true);
                }

                silo.Services.AddMemoryModelCatalog();

                // One silo owns the whole grain directory, so Orleans' directory cache (LRU, a million entries) only copies
                // its table, and every new activation is added to it, evicting another once full (without it the silo spent
                // about a tenth less CPU per update at whole-country scale, docs/performance.md, seventh step). Every grain
                // lives here, so the cache answers "this silo" for any grain and keeps nothing (fifteenth step). A cluster of
                // silos keeps Orleans' cache: there it saves remote directory lookups.
                silo.UseLocalSiloDirectoryCache();

                // Alone, the silo's catalog keeps one activation per grain: a model needs no directory entry (see the class).
                silo.UseThisSiloPlacementForModels();
            }

            if (workingSet == WorkingSetHostingExtensions.LifecycleOnly)
            {
                silo.UseLifecycleOnlyWorkingSet();
            }

            silo.UseActivationCapacity(activationCapacity);
            if (builder.Configuration.IsTracingEnabled())
            {
                silo.AddActivityPropagation();
            }

            silo.AddOperatorDashboard(builder.Configuration);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));

            // Not "Orleans:GrainDirectory": Orleans reads that section as grain directory providers.
            silo.Services.Configure<GrainDirectoryOptions>(builder.Configuration.GetSection(DirectoryCacheSection));
        });
        return builder;
    }
}
