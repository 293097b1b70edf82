using DanVanKheo.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace DanVanKheo.Tests;

/// <summary>
/// A real in-process Orleans cluster (two silos, memory storage) shared by a test collection. Tests
/// keep out of each other's way by using unit and model codes of their own.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime, ITestCluster
{
    /// <summary>Short, so that tests converge quickly; the fan-in test measures against it.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Provinces' and the national unit's: longer than the others' here, so the fan-in test can tell the two apart.</summary>
    public static readonly TimeSpan TopFlushInterval = TimeSpan.FromMilliseconds(40);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = Build(2, _ => { }, silo =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Store);
            silo.AddMemoryGrainStorage(StorageNames.Rollup);
        });
        await Cluster.DeployAsync();
    }

    /// <summary>A cluster of <paramref name="silos"/> silos with the grains, the tests' short intervals and in-memory reminders.</summary>
    public static InProcessTestCluster Build(short silos, Action<RollupOptions> rollup, Action<ISiloBuilder> storage)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddDanVanKheoGrains();
            host.Services.Configure<RollupOptions>(o =>
            {
                o.FlushInterval = FlushInterval;
                o.TopFlushInterval = TopFlushInterval;
                o.RetryDelay = TimeSpan.FromMilliseconds(100);
                rollup(o);
            });
        });
        builder.ConfigureSilo((_, silo) =>
        {
            storage(silo);
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter<CallFaults>();
        });
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>A cluster a test class can run against, whichever way its silos are configured.</summary>
public interface ITestCluster
{
    IClusterClient Client { get; }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
