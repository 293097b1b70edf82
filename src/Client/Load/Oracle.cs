namespace DanVanKheo.Client.Load;

/// <summary>
/// Recomputes every unit's tally from the models the load test generated (its own truth) plus what each
/// unit held before the test, and compares it with what the cluster shows.
/// </summary>
public static class Oracle
{
    public static Tally[] Expected(SimulatedCountry country, Tally[] baseline, ReadOnlySpan<ModelTruth> models, Tally nationalBaseline, out Tally national)
    {
        var units = country.Units;
        var builders = new TallyBuilder[units.Length];
        for (var i = 0; i < units.Length; i++)
        {
            builders[i] = new TallyBuilder().Add(baseline[i], 1);
        }

        var nationalBuilder = new TallyBuilder().Add(nationalBaseline, 1);
        foreach (ref readonly var model in models)
        {
            var contribution = model.Contribution();
            nationalBuilder.Add(contribution, 1);
            for (var unit = model.Unit; unit >= 0; unit = country.Parents[unit])
            {
                builders[unit].Add(contribution, 1);
            }
        }

        national = nationalBuilder.ToTally();
        return [.. builders.Select(b => b.ToTally())];
    }

    public static async Task<Tally[]> ReadAllAsync(IGrainFactory grains, SimulatedCountry country, int concurrency, Action<int>? progress, CancellationToken cancellationToken)
    {
        var tallies = new Tally[country.Units.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tallies.Length),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var info = await Import.Retry.RunAsync(() => grains.GetGrain<IUnitGrain>(country.Units[i].Code).GetInfo(), cancellationToken: cancellationToken);
                tallies[i] = info?.Tally ?? Tally.Empty;
                progress?.Invoke(1);
            });
        return tallies;
    }
}
