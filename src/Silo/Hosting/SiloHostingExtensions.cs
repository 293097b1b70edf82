using DanVanKheo.Grains;
using Orleans.Configuration;

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
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not known; use Memory");
        }

        builder.Services.AddDanVanKheoGrains();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: siloOptions.ServiceId, clusterId: siloOptions.ClusterId);
            silo.AddMemoryGrainStorage(StorageNames.Store);
            silo.UseInMemoryReminderService();
            silo.AddActivityPropagation();
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(30));
        });
        return builder;
    }
}
