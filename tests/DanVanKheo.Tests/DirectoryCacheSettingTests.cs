using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;
using static Orleans.Configuration.GrainDirectoryOptions;

namespace DanVanKheo.Tests;

/// <summary>
/// A single silo (Memory, LocalMemory) answers directory lookups with <see cref="LocalSiloDirectoryCache"/> (every grain
/// lives on it) instead of Orleans' LRU cache, which at a million activations cost CPU on every message and saved nothing;
/// a PostgreSQL cluster keeps Orleans' cache, as there it saves remote lookups; both can be overridden under
/// <see cref="SiloHostingExtensions.DirectoryCacheSection"/>.
/// </summary>
public sealed class DirectoryCacheSettingTests
{
    [Theory]
    [InlineData("Memory", null, null, CachingStrategyType.Custom)]
    [InlineData("LocalMemory", null, null, CachingStrategyType.Custom)]
    [InlineData("LocalMemory", "None", null, CachingStrategyType.None)]
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
        if (expected == CachingStrategyType.Custom)
        {
            // Orleans takes a custom cache from the container; without one registered the silo would not start.
            Assert.IsType<LocalSiloDirectoryCache>(app.Services.GetRequiredService<IGrainDirectoryCache>());
        }

        Assert.Equal(size is null ? DEFAULT_CACHE_SIZE : int.Parse(size, System.Globalization.CultureInfo.InvariantCulture), options.CacheSize);
    }

    [Fact]
    public void The_local_silo_cache_places_every_grain_on_this_silo_and_keeps_nothing()
    {
        var silo = SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 42);
        var cache = new LocalSiloDirectoryCache(new FixedSiloDetails(silo));
        var unit = GrainId.Create("unit", "VN.01");
        var model = GrainId.Create("model", "mô-hình-1");

        cache.AddOrUpdate(new GrainAddress { GrainId = unit, SiloAddress = SiloAddress.New(System.Net.IPAddress.Loopback, 22222, 7) }, 3);

        foreach (var grain in new[] { unit, model })
        {
            Assert.True(cache.LookUp(grain, out var address, out _));
            Assert.Equal(grain, address.GrainId);
            Assert.Equal(silo, address.SiloAddress);
        }

        Assert.Empty(cache.KeyValues);
        Assert.False(cache.Remove(unit));
    }

    private sealed class FixedSiloDetails(SiloAddress silo) : ILocalSiloDetails
    {
        public string Name => "test";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => silo;

        public SiloAddress GatewayAddress => silo;
    }
}
