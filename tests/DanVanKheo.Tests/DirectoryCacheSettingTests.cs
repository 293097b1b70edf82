using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using static Orleans.Configuration.GrainDirectoryOptions;

namespace DanVanKheo.Tests;

/// <summary>
/// A single silo (Memory, LocalMemory) runs without Orleans' grain directory cache, which at a million activations cost
/// CPU on every message and saved nothing; a PostgreSQL cluster keeps it, as there it saves remote lookups; both can be
/// overridden under <see cref="SiloHostingExtensions.DirectoryCacheSection"/>.
/// </summary>
public sealed class DirectoryCacheSettingTests
{
    [Theory]
    [InlineData("Memory", null, null, CachingStrategyType.None)]
    [InlineData("LocalMemory", null, null, CachingStrategyType.None)]
    [InlineData("Postgres", null, null, CachingStrategyType.LRU)]
    [InlineData("LocalMemory", "LRU", null, CachingStrategyType.LRU)]
    [InlineData("Postgres", null, "4000000", CachingStrategyType.LRU)]
    public async Task The_silo_sets_the_directory_cache_by_storage_and_configuration(
        string provider, string? strategy, string? size, CachingStrategyType expected)
    {
        var builder = SiloSettings.Builder(
            provider,
            ($"{SiloHostingExtensions.DirectoryCacheSection}:CachingStrategy", strategy),
            ($"{SiloHostingExtensions.DirectoryCacheSection}:CacheSize", size));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;

        Assert.Equal(expected, options.CachingStrategy);
        Assert.Equal(size is null ? DEFAULT_CACHE_SIZE : int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), options.CacheSize);
    }
}
