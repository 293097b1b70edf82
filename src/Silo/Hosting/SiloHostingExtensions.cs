using DanVanKheo.Grains;
using DanVanKheo.Silo.Storage;
using Orleans.Runtime.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DanVanKheo.Silo.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>The Orleans silo with the storage, clustering and reminders that configuration selects.</summary>
    public static WebApplicationBuilder AddDanVanKheoSilo(this WebApplicationBuilder builder)
    {
        var siloOptions = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
        var storage = builder.Configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        if (!storage.IsMemory)
        {
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not known; use Memory or LocalMemory");
        }

        builder.Services.AddDanVanKheoGrains();
        // In memory nothing outlives the process, so the compact Orleans binary format replaces the default
        // JSON (Newtonsoft): the JSON serialiser was the largest CPU cost of a write under load.
        builder.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Store)
            .Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
            if (storage.IsLocalMemory)
            {
                silo.Services.AddGrainStorage(StorageNames.Store, (services, _) => ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(services));
            }
            else
            {
                silo.AddMemoryGrainStorage(StorageNames.Store);
            }

            silo.UseInMemoryReminderService();
            silo.AddActivityPropagation();
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        });
        return builder;
    }
}
