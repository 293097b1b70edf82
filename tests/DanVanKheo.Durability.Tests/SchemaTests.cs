using DanVanKheo.Silo.Storage;

namespace DanVanKheo.Durability.Tests;

public sealed class SchemaTests
{
    [PostgresFact]
    public async Task Two_silos_starting_together_on_an_empty_database_create_the_schema_once_and_form_one_cluster()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);

        Assert.Equal(PostgresSchema.Scripts.Count, await cluster.Database.ScalarAsync<int>("SELECT count(*) FROM dvk_schema_version"));
        Assert.Equal(PostgresSchema.LatestVersion, await cluster.Database.ScalarAsync<int>("SELECT max(version) FROM dvk_schema_version"));
        Assert.Equal(20, await cluster.Database.ScalarAsync<int>("SELECT count(*) FROM orleansquery"));
        var active = await Eventually(() => cluster.Database.ScalarAsync<int>("SELECT count(*) FROM orleansmembershiptable WHERE status = 3"), n => n == 2);
        Assert.Equal(2, active);

        // Both silos serve the same cluster: a unit defined through one is read through the other.
        var code = "schema" + Guid.NewGuid().ToString("N")[..8];
        var first = await cluster.ConnectAsync();
        await first.GetGrain<IUnitGrain>(code).Define(new UnitDefinition(code, "Tỉnh thử", Level.Province, "Tỉnh", null));
        await using var second = await DanVanKheo.Client.ClusterConnection.ConnectAsync([cluster.Silos[1].Gateway], "dvk", "danvankheo", CancellationToken.None);
        Assert.Equal("Tỉnh thử", (await second.Client.GetGrain<IUnitGrain>(code).GetInfo())!.Definition.Name);
    }

    [PostgresFact]
    public async Task Concurrent_migrations_apply_each_script_exactly_once_and_a_rerun_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(database.ConnectionString))));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(PostgresSchema.Scripts.Select(s => s.Version).Order(), applied.Order());
        Assert.Single(runs, r => r.Count > 0);
        Assert.Empty(await PostgresSchema.ApplyAsync(database.ConnectionString));
        Assert.Equal(PostgresSchema.Scripts.Count, await database.ScalarAsync<int>("SELECT count(DISTINCT version) FROM dvk_schema_version"));
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(200);
        }
    }
}
