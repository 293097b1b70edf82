using DanVanKheo.Silo.Demo;

namespace DanVanKheo.Silo.Hosting;

public static class DemoHostingExtensions
{
    /// <summary>Section <c>Demo</c>: load the real units and the published reports when storage is in memory.</summary>
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoSettings>().BindConfiguration(DemoSettings.Section);
        builder.Services.AddOptions<StorageSettings>().BindConfiguration(StorageSettings.Section);
        builder.Services.AddHostedService<DemoData>();
        return builder;
    }
}
