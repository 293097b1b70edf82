using DanVanKheo.Import;

namespace DanVanKheo.Durability.Tests;

public sealed class ConcurrentWriterTests
{
    [PostgresFact]
    public async Task Concurrent_clients_writing_one_model_and_one_unit_end_at_the_last_acknowledged_write_with_exact_counts()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);
        var prefix = "cw" + Guid.NewGuid().ToString("N")[..8];
        var clients = new List<IClusterClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await cluster.ConnectAsync());
        }

        var province = $"{prefix}-P";
        var commune = $"{prefix}-C";
        await clients[0].GetGrain<IUnitGrain>(province).Define(new UnitDefinition(province, "Tỉnh thử", Level.Province, "Tỉnh", null));
        await clients[0].GetGrain<IUnitGrain>(commune).Define(new UnitDefinition(commune, "Xã thử", Level.Commune, "Xã", province));
        var contested = $"{prefix}-shared";
        var fields = Enum.GetValues<Field>();

        // Every client rewrites the contested model with its own data, and adds models of its own to the same unit.
        var acknowledged = await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var mine = new List<ModelRecord>();
            for (var round = 0; round < 25; round++)
            {
                var input = new ModelInput(contested, commune, $"Ghi đồng thời {c}.{round}", fields[(c + round) % 4], c % 2 == 0 ? ModelKind.Collective : ModelKind.Individual, "Hội Nông dân", 2017 + c, RegistrationLevels.Commune)
                {
                    Evaluation = round % 3 == 0 ? new Evaluation(2017 + c, round % 2 == 0) : null,
                };
                mine.Add(await Retry.RunAsync(() => client.GetGrain<IModelGrain>(contested).Upsert(input)));
                var own = new ModelInput($"{prefix}-c{c}-{round}", commune, $"Mô hình {c}.{round}", fields[round % 4], ModelKind.Collective, "Đoàn Thanh niên", 2020, RegistrationLevels.Commune | RegistrationLevels.District);
                await Retry.RunAsync(() => client.GetGrain<IModelGrain>(own.Id).Upsert(own));
            }

            return mine;
        })));

        var writes = acknowledged.SelectMany(w => w).ToList();
        var last = writes.MaxBy(w => w.Version)!;
        Assert.Equal(writes.Count, writes.Select(w => w.Version).Distinct().Count()); // every write got its own version
        var stored = (await clients[1].GetGrain<IModelGrain>(contested).Get())!;
        Assert.Equal(last.Version, stored.Version);
        Assert.True(last.SameFacts(stored), "the stored model is not the last acknowledged write");

        var expectedCommune = new TallyBuilder().Add(Contribution.Of(stored), 1);
        for (var c = 0; c < clients.Count; c++)
        {
            for (var round = 0; round < 25; round++)
            {
                expectedCommune.Add(new Contribution(2020, Contribution.Of(Oracle.Record(new ModelInput("x", commune, "t", fields[round % 4], ModelKind.Collective, "", 2020, RegistrationLevels.Commune | RegistrationLevels.District))).Mask), 1);
            }
        }

        var expected = new Dictionary<string, Tally> { [commune] = expectedCommune.ToTally(), [province] = expectedCommune.ToTally() };
        Assert.Empty(await DurableCluster.WaitForTalliesAsync(clients[2], expected, TimeSpan.FromSeconds(60)));
        var entry = (await clients[3].GetGrain<IUnitGrain>(commune).GetModelEntries()).Single(m => m.Id == contested);
        Assert.Equal(stored.Version, entry.Version);
        Assert.Equal(1 + clients.Count * 25, (await clients[3].GetGrain<IUnitGrain>(commune).GetInfo())!.Tally.Summarize().Total);
        Assert.Empty((await DurableCluster.ReconcileAsync(clients[0], province)).Differences);
    }
}
