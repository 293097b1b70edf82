using DanVanKheo.Client.Load;
using DanVanKheo.Import;

namespace DanVanKheo.Client.Bench;

/// <summary>Puts the simulated units and a generated model population into the cluster (the benchmark's data).</summary>
public static class Population
{
    public static async Task DefineUnitsAsync(IGrainFactory grains, SimulatedCountry country, int concurrency, Action<int> progress, CancellationToken cancellationToken)
    {
        var rows = country.Units.Select((u, i) => new Import.Csv.CsvRow<UnitDefinition>(i + 1, u, null)).ToList();
        var report = await UnitImporter.ImportAsync(grains, rows, progress, concurrency, cancellationToken);
        if (!report.AllStored)
        {
            throw new DvkException("units-refused", $"{report.Rejected.Count} units were refused, first: line {report.Rejected[0].Line}: {report.Rejected[0].Error}");
        }
    }

    public static async Task LoadModelsAsync(IGrainFactory grains, SimulatedCountry country, ModelPool pool, int models, int concurrency, Action<int> progress, CancellationToken cancellationToken)
    {
        var leaves = country.ModelUnits;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, models),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                var random = Random.Shared;
                var index = pool.Add(ModelMix.New(random, leaves[random.Next(leaves.Length)], history: true));
                var truth = pool[index];
                var id = pool.Id(index);
                var input = ModelMix.Input(id, country.Units[truth.Unit].Code, truth, index);
                await Retry.RunAsync(() => grains.GetGrain<IModelGrain>(id).Register(input), cancellationToken: ct);
                pool.Release(index);
                progress(1);
            });
    }
}
