using DanVanKheo.Client;
using DanVanKheo.Client.Reconcile;
using DanVanKheo.Import;
using DanVanKheo.Import.Synthetic;

namespace DanVanKheo.Durability.Tests;

/// <summary>A fresh database and real silo processes on it; disposed in reverse order, database last.</summary>
public sealed class DurableCluster : IAsyncDisposable
{
    private readonly List<ClusterConnection> _connections = [];

    private DurableCluster(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public List<SiloProcess> Silos { get; } = [];

    public static async Task<DurableCluster> StartAsync(int silos)
    {
        var cluster = new DurableCluster(await TestDatabase.CreateAsync());
        try
        {
            for (var i = 0; i < silos; i++)
            {
                cluster.Silos.Add(SiloProcess.Create(cluster.Database));
            }

            await Task.WhenAll(cluster.Silos.Select(s => s.StartAsync()));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of its own, through the gateways of every silo.</summary>
    public async Task<IClusterClient> ConnectAsync()
    {
        var connection = await ClusterConnection.ConnectAsync([.. Silos.Select(s => s.Gateway)], "dvk", "danvankheo", CancellationToken.None);
        _connections.Add(connection);
        return connection.Client;
    }

    public async Task DisconnectAllAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
    }

    public static async Task DefineUnitsAsync(IGrainFactory grains, SyntheticData data)
    {
        var report = await UnitImporter.ImportAsync(grains, data.UnitRows);
        Assert.True(report.AllStored, string.Join("; ", report.Rejected.Select(r => r.Error)));
    }

    /// <summary>Polls until every unit of <paramref name="expected"/> shows its expected tally, then returns the mismatches (none when it converged).</summary>
    public static async Task<List<string>> WaitForTalliesAsync(IGrainFactory grains, IReadOnlyDictionary<string, Tally> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var wrong = new List<string>();
            foreach (var (code, tally) in expected)
            {
                var info = await Retry.RunAsync(() => grains.GetGrain<IUnitGrain>(code).GetInfo(), attempts: 20);
                if (info is null || !info.Tally.Equals(tally))
                {
                    wrong.Add($"{code}: {info?.Tally.Summarize().Total.ToString() ?? "missing"} active, expected {tally.Summarize().Total}");
                }
            }

            if (wrong.Count == 0 || DateTime.UtcNow > deadline)
            {
                return wrong;
            }

            await Task.Delay(500);
        }
    }

    public static Task<Reconciler.Result> ReconcileAsync(IGrainFactory grains, string root) =>
        Reconciler.CheckAsync(grains, root, 16, CancellationToken.None);

    public string Logs => string.Join("\n", Silos.Select((s, i) => $"--- silo {i} (port {s.SiloPort}) ---\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        await DisconnectAllAsync();
        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
