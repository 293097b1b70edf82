using DanVanKheo.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace DanVanKheo.Tests;

/// <summary>
/// A real in-process Orleans cluster (two silos, memory storage) shared by a test collection. Tests
/// keep out of each other's way by using unit and model codes of their own.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Short, so that tests converge quickly; the fan-in test measures against it.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddDanVanKheoGrains();
            host.Services.Configure<RollupOptions>(o =>
            {
                o.FlushInterval = FlushInterval;
                o.RetryDelay = TimeSpan.FromMilliseconds(100);
            });
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Store);
            silo.AddMemoryGrainStorage(StorageNames.Rollup);
            silo.UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
