using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DanVanKheo.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Services the grains need: roll-up options (section <c>Rollup</c>), metrics and time.</summary>
    public static IServiceCollection AddDanVanKheoGrains(this IServiceCollection services)
    {
        services.AddOptions<RollupOptions>().BindConfiguration(RollupOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RollupMetrics>();
        services.TryAddSingleton<UnitReferences>();
        return services;
    }
}
