using System.Collections.Concurrent;
using DanVanKheo.Client.Reconcile;
using DanVanKheo.Import.Synthetic;
using Xunit.Abstractions;

namespace DanVanKheo.Durability.Tests;

public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private const int Models = 20_000;

    [PostgresFact]
    public async Task A_silo_killed_and_restarted_during_a_20000_model_import_loses_nothing_and_counts_nothing_twice()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);
        var data = new SyntheticData("fi" + Guid.NewGuid().ToString("N")[..8], Models);
        var grains = await cluster.ConnectAsync(); // through both gateways
        await DurableCluster.DefineUnitsAsync(grains, data);

        var acknowledged = new ConcurrentDictionary<string, ModelRecord>(StringComparer.Ordinal);
        var failedCalls = 0;
        var import = Parallel.ForEachAsync(data.Models, new ParallelOptions { MaxDegreeOfParallelism = 128 }, async (input, _) =>
        {
            // The client retries every call that failed for a reason other than a refusal, until it is acknowledged.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
            var delay = TimeSpan.FromMilliseconds(200);
            while (true)
            {
                try
                {
                    acknowledged[input.Id] = await grains.GetGrain<IModelGrain>(input.Id).Upsert(input);
                    return;
                }
                catch (Exception exception) when (exception is not DvkException && DateTime.UtcNow < deadline)
                {
                    Interlocked.Increment(ref failedCalls);
                    await Task.Delay(delay);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
                }
            }
        });

        var victim = cluster.Silos[1];
        await WaitUntil(() => acknowledged.Count >= Models / 5 || import.IsCompleted);
        await victim.KillAsync();
        var killedAt = acknowledged.Count;
        await WaitUntil(() => acknowledged.Count >= killedAt + Models / 5 || import.IsCompleted, TimeSpan.FromSeconds(30));
        await victim.StartAsync();
        var restartedAt = acknowledged.Count;
        await import;
        output.WriteLine($"killed after {killedAt} acknowledged, restarted after {restartedAt}; {failedCalls} failed calls retried");
        Assert.True(killedAt < Models, "the import finished before the silo was killed: the test did not inject a fault");

        // Every acknowledged model is stored, with the data that was sent.
        Assert.Equal(Models, acknowledged.Count);
        var tree = await UnitTree.LoadAsync(grains, data.Province, 16, CancellationToken.None);
        var (stored, fromStorage) = await StoredModelSource.LoadAsync(grains, tree, 16, CancellationToken.None);
        Assert.True(fromStorage);
        var storedById = stored.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var input in data.Models)
        {
            Assert.True(storedById.TryGetValue(input.Id, out var record), $"acknowledged model {input.Id} is not in storage");
            Assert.True(Oracle.Record(input).SameFacts(record), $"model {input.Id} is stored with other data");
            Assert.True(record.Version >= acknowledged[input.Id].Version);
        }

        // Every tally equals the oracle computed from the imported data, and reconcile finds nothing to fix.
        var expected = Oracle.Tallies(data, data.Models.Select(Oracle.Record));
        var wrong = await DurableCluster.WaitForTalliesAsync(grains, expected, TimeSpan.FromMinutes(4));
        Assert.True(wrong.Count == 0, "tallies differ from the oracle: " + string.Join("; ", wrong.Take(10)) + "\n" + Tail(cluster.Logs));
        var reconcile = await DurableCluster.ReconcileAsync(grains, data.Province);
        Assert.Equal(Models, reconcile.Models);
        Assert.True(reconcile.Differences.Count == 0, string.Join("\n", reconcile.Differences.Take(20).Select(d => $"{d.Unit} {d.ModelId}: {d.Description}")));
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static string Tail(string text) => text.Length <= 6000 ? text : text[^6000..];
}
