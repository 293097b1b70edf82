using DanVanKheo.Grains;
using DanVanKheo.Silo.Hosting;
using DanVanKheo.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace DanVanKheo.Tests;

/// <summary>
/// A real in-process silo configured as the silo configures itself for LocalMemory storage: state kept in the silo
/// process, <see cref="RollupOptions.WriteBehind"/>, reports pushed upward one-way (<see cref="RollupOptions.PushReports"/>),
/// no re-send reminders, the <see cref="LifecycleOnlyWorkingSet"/>, the <see cref="LocalSiloDirectoryCache"/> and
/// <see cref="ThisSiloPlacement"/> for models. Shared by a test collection, so its tests run one
/// after another (one of them deactivates every activation).
/// </summary>
public sealed class WriteBehindClusterFixture : IAsyncLifetime, ITestCluster
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A one-silo cluster configured like this fixture's, for a test that must have one of its own.</summary>
    public static InProcessTestCluster Build(Action<ISiloBuilder>? silo = null) => ClusterFixture.Build(
        1,
        o =>
        {
            o.ResendReminders = false;
            o.WriteBehind = true;
        },
        builder =>
        {
            foreach (var name in new[] { StorageNames.Store, StorageNames.Rollup })
            {
                builder.Services.AddGrainStorage(name, (services, _) => ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(services));
            }

            builder.UseLifecycleOnlyWorkingSet();
            builder.UseLocalSiloDirectoryCache();
            builder.UseThisSiloPlacementForModels();
            silo?.Invoke(builder);
        });

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WriteBehindCollection : ICollectionFixture<WriteBehindClusterFixture>
{
    public const string Name = "write-behind cluster";
}
