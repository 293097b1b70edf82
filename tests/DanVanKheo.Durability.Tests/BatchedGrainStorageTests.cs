using DanVanKheo.Grains;
using DanVanKheo.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DanVanKheo.Durability.Tests;

/// <summary>The group-commit provider against a real PostgreSQL: batching must not weaken the ETag checks.</summary>
public sealed class BatchedGrainStorageTests
{
    [PostgresFact]
    public async Task Hundreds_of_concurrent_writes_go_in_few_statements_and_read_back_exactly_in_a_new_silo()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var storage = Create(database);
        var states = Enumerable.Range(0, 600).Select(i => (Id: Model($"m{i:D4}"), State: new TestState<ModelState> { State = Sample($"m{i:D4}", $"Mô hình “số {i}”, thôn Đông") })).ToList();

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(ModelGrain.StateName, s.Id, s.State)));

        Assert.All(states, s => Assert.Equal("1", s.State.ETag));
        Assert.True(storage.Statements < states.Count / 4, $"600 writes took {storage.Statements} statements: they were not batched");
        Assert.Equal(600, await database.ScalarAsync<int>("SELECT count(*) FROM dvk_grain_state WHERE state_name = 'model'"));

        await using var restarted = Create(database);
        var read = await Task.WhenAll(states.Select(async s =>
        {
            var state = new TestState<ModelState> { State = new ModelState() };
            await restarted.ReadStateAsync(ModelGrain.StateName, s.Id, state);
            return (Expected: s.State.State.Record, state);
        }));
        Assert.All(read, r =>
        {
            Assert.True(r.state.RecordExists);
            Assert.Equal("1", r.state.ETag);
            Assert.Equal(r.Expected!.Title, r.state.State.Record!.Title);
            Assert.Equal(r.Expected.Unit, r.state.State.Record.Unit);
        });

        var missing = new TestState<ModelState> { State = new ModelState() };
        await restarted.ReadStateAsync(ModelGrain.StateName, Model("never-written"), missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
    }

    [PostgresFact]
    public async Task A_write_from_a_stale_version_is_refused_and_the_stored_state_is_unchanged()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var storage = Create(database);
        var id = Model("stale");
        var current = new TestState<ModelState> { State = Sample("stale", "bản đầu") };
        await storage.WriteStateAsync(ModelGrain.StateName, id, current);
        var stale = new TestState<ModelState> { State = new ModelState() };
        await storage.ReadStateAsync(ModelGrain.StateName, id, stale);

        current.State = Sample("stale", "bản hai");
        await storage.WriteStateAsync(ModelGrain.StateName, id, current);
        stale.State = Sample("stale", "bản cũ ghi đè");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(ModelGrain.StateName, id, stale));

        var stored = new TestState<ModelState> { State = new ModelState() };
        await storage.ReadStateAsync(ModelGrain.StateName, id, stored);
        Assert.Equal("bản hai", stored.State.Record!.Title);
        Assert.Equal("2", stored.ETag);

        // A second "first write" of an existing grain is stale too.
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(ModelGrain.StateName, id, new TestState<ModelState> { State = Sample("stale", "không có phiên bản") }));
    }

    [PostgresFact]
    public async Task Concurrent_writes_of_one_grain_from_the_same_version_let_exactly_one_win()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var storage = Create(database);
        var id = Model("race");
        var writers = Enumerable.Range(0, 12).Select(i => new TestState<ModelState> { State = Sample("race", $"người ghi {i}") }).ToList();

        var outcomes = await Task.WhenAll(writers.Select(async w =>
        {
            try
            {
                await storage.WriteStateAsync(ModelGrain.StateName, id, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var winner = Assert.Single(writers.Where((_, i) => outcomes[i]));
        var stored = new TestState<ModelState> { State = new ModelState() };
        await storage.ReadStateAsync(ModelGrain.StateName, id, stored);
        Assert.Equal(winner.State.Record!.Title, stored.State.Record!.Title);
        Assert.Equal("1", stored.ETag);
    }

    [PostgresFact]
    public async Task Clearing_needs_the_stored_version()
    {
        await using var database = await MigratedDatabaseAsync();
        await using var storage = Create(database);
        var id = Model("clear");
        var state = new TestState<ModelState> { State = Sample("clear", "sẽ xoá") };
        await storage.WriteStateAsync(ModelGrain.StateName, id, state);

        var stale = new TestState<ModelState> { State = state.State, ETag = "7" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(ModelGrain.StateName, id, stale));
        Assert.Equal(1, await database.ScalarAsync<int>("SELECT count(*) FROM dvk_grain_state"));

        await storage.ClearStateAsync(ModelGrain.StateName, id, state);
        Assert.False(state.RecordExists);
        Assert.Equal(0, await database.ScalarAsync<int>("SELECT count(*) FROM dvk_grain_state"));
    }

    [PostgresFact]
    public async Task Unit_and_model_rows_of_the_previous_schema_move_to_the_new_table_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await PostgresSchema.ApplyAsync(database.ConnectionString, upToVersion: 5);
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
                VALUES (1, 0, 0, 2, 'model', 'TH2020-001', 'danvankheo', '\x0102'::bytea, now() at time zone 'utc', 4),
                       (3, 0, 0, 4, 'unit', '414', 'danvankheo', '\x0304'::bytea, now() at time zone 'utc', 9),
                       (5, 0, 0, 6, 'account', 'admin', 'danvankheo', '\x05'::bytea, now() at time zone 'utc', 2)
                """,
                connection);
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(PostgresSchema.Scripts.Select(s => s.Version).Where(v => v > 5), await PostgresSchema.ApplyAsync(database.ConnectionString));

        Assert.Equal(4, await database.ScalarAsync<int>("SELECT version FROM dvk_grain_state WHERE state_name = 'model' AND grain_key = 'TH2020-001'"));
        Assert.Equal(9, await database.ScalarAsync<int>("SELECT version FROM dvk_grain_state WHERE state_name = 'unit' AND grain_key = '414'"));
        Assert.Equal("0304", await database.ScalarAsync<string>("SELECT encode(payload, 'hex') FROM dvk_grain_state WHERE grain_key = '414'"));
        Assert.Equal("account", await database.ScalarAsync<string>("SELECT string_agg(graintypestring, ',') FROM orleansstorage"));
    }

    private static async Task<TestDatabase> MigratedDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await PostgresSchema.ApplyAsync(database.ConnectionString);
        return database;
    }

    /// <summary>What a silo builds: its own data source and the Orleans binary serializer with the grains' codecs.</summary>
    private static BatchedGrainStorage Create(TestDatabase database)
    {
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(ModelState).Assembly)).BuildServiceProvider();
        return new BatchedGrainStorage(
            NpgsqlDataSource.Create(database.ConnectionString),
            new GrainStateSerializer(services.GetRequiredService<Serializer>()),
            Options.Create(new ClusterOptions { ServiceId = "danvankheo" }));
    }

    private static GrainId Model(string id) => GrainId.Create("model", id);

    private static ModelState Sample(string id, string title) => new()
    {
        Record = new ModelRecord(
            id, "414", title, Field.CultureSociety, ModelKind.Collective, "Hội Phụ nữ", 2020, RegistrationLevels.Commune,
            [], Commendations.None, false, ModelStatus.Active, 1, DateTimeOffset.UnixEpoch),
    };

    private sealed class TestState<T> : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
