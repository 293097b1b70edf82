using DanVanKheo.Import;
using DanVanKheo.Import.Synthetic;

namespace DanVanKheo.Durability.Tests;

public sealed class RestartTests
{
    [PostgresFact]
    public async Task Tallies_and_models_are_identical_after_a_full_cluster_restart()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);
        var data = new SyntheticData("rs" + Guid.NewGuid().ToString("N")[..8], models: 1500, districts: 3, communesPerDistrict: 4);
        var grains = await cluster.ConnectAsync();
        await DurableCluster.DefineUnitsAsync(grains, data);
        var import = await ModelImporter.ImportAsync(grains, data.ModelRows, concurrency: 128);
        Assert.True(import.AllStored, string.Join("; ", import.Rejected.Select(r => r.Error)));
        var expected = Oracle.Tallies(data, data.Models.Select(Oracle.Record));
        Assert.Empty(await DurableCluster.WaitForTalliesAsync(grains, expected, TimeSpan.FromSeconds(60)));
        var modelsBefore = await ReadModelsAsync(grains, data);
        var unitsBefore = await ReadUnitsAsync(grains, data);

        await cluster.DisconnectAllAsync();
        await Task.WhenAll(cluster.Silos.Select(s => s.StopAsync()));
        await Task.WhenAll(cluster.Silos.Select(s => s.StartAsync()));

        grains = await cluster.ConnectAsync();
        var unitsAfter = await ReadUnitsAsync(grains, data);
        foreach (var (code, before) in unitsBefore)
        {
            Assert.Equal(before.Definition, unitsAfter[code].Definition);
            Assert.Equal(before.Tally, unitsAfter[code].Tally);
        }

        var modelsAfter = await ReadModelsAsync(grains, data);
        foreach (var (id, before) in modelsBefore)
        {
            Assert.Equal(before.Version, modelsAfter[id].Version);
            Assert.True(before.SameFacts(modelsAfter[id]), $"model {id} changed across the restart");
        }

        var reconcile = await DurableCluster.ReconcileAsync(grains, data.Province);
        Assert.True(reconcile.FromStorage);
        Assert.Equal(data.Models.Count, reconcile.Models);
        Assert.Empty(reconcile.Differences);
    }

    private static async Task<Dictionary<string, ModelRecord>> ReadModelsAsync(IGrainFactory grains, SyntheticData data)
    {
        var records = await Task.WhenAll(data.Models.Select(m => Retry.RunAsync(() => grains.GetGrain<IModelGrain>(m.Id).Get())));
        return records.ToDictionary(r => r!.Id, r => r!, StringComparer.Ordinal);
    }

    private static async Task<Dictionary<string, UnitInfo>> ReadUnitsAsync(IGrainFactory grains, SyntheticData data)
    {
        var infos = await Task.WhenAll(data.Units.Select(u => Retry.RunAsync(() => grains.GetGrain<IUnitGrain>(u.Code).GetInfo())));
        return infos.ToDictionary(i => i!.Code, i => i!, StringComparer.Ordinal);
    }
}
