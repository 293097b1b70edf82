using DanVanKheo.Grains;
using DanVanKheo.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace DanVanKheo.Tests;

/// <summary>The load test's in-process store keeps copies (a grain's later changes do not leak in) and checks ETags.</summary>
public sealed class LocalMemoryGrainStorageTests
{
    private static LocalMemoryGrainStorage NewStorage()
    {
        var services = new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(ModelState).Assembly)).BuildServiceProvider();
        return new LocalMemoryGrainStorage(services.GetRequiredService<DeepCopier>());
    }

    private static ModelRecord Record(string title) =>
        new("m1", "00001", title, Field.Economy, ModelKind.Collective, "Hội Nông dân", 2020, RegistrationLevels.Commune, [], Commendations.None, false, ModelStatus.Active, 1, default);

    [Fact]
    public async Task Stores_a_copy_and_reads_it_back()
    {
        var storage = NewStorage();
        var id = GrainId.Create("model", "m1");
        var written = new GrainState<ModelState>(new ModelState { Record = Record("Nuôi ong") });
        await storage.WriteStateAsync("model", id, written);

        written.State!.Record = Record("changed after the write");
        var read = new GrainState<ModelState>(new ModelState());
        await storage.ReadStateAsync("model", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal("Nuôi ong", read.State!.Record!.Title);
        Assert.Equal(written.ETag, read.ETag);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = NewStorage();
        var id = GrainId.Create("model", "m2");
        var first = new GrainState<ModelState>(new ModelState { Record = Record("một") });
        await storage.WriteStateAsync("model", id, first);
        var stale = new GrainState<ModelState>(new ModelState { Record = Record("cũ") }) { ETag = null };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("model", id, stale));

        first.State!.Record = Record("hai");
        await storage.WriteStateAsync("model", id, first);
        var read = new GrainState<ModelState>(new ModelState());
        await storage.ReadStateAsync("model", id, read);
        Assert.Equal("hai", read.State!.Record!.Title);
    }

    [Fact]
    public async Task Clearing_forgets_the_state()
    {
        var storage = NewStorage();
        var id = GrainId.Create("model", "m3");
        var state = new GrainState<ModelState>(new ModelState { Record = Record("ba") });
        await storage.WriteStateAsync("model", id, state);
        await storage.ClearStateAsync("model", id, state);

        var read = new GrainState<ModelState>(new ModelState());
        await storage.ReadStateAsync("model", id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Record);
    }

    [Fact]
    public async Task A_snapshot_state_is_kept_as_written_but_read_as_a_copy()
    {
        var storage = NewStorage();
        var id = GrainId.Create("unit", "00001");
        var snapshot = new UnitState { ReportVersion = 7 };
        snapshot.Models["m1"] = new ModelEntry(1, new Contribution(2020, 1));
        await storage.WriteStateAsync("unit", id, new GrainState<UnitState>(snapshot));

        var read = new GrainState<UnitState>(new UnitState());
        await storage.ReadStateAsync("unit", id, read);
        read.State!.Models["m2"] = new ModelEntry(1, new Contribution(2021, 1));

        var again = new GrainState<UnitState>(new UnitState());
        await storage.ReadStateAsync("unit", id, again);
        Assert.NotSame(snapshot, read.State);
        Assert.Equal(7, again.State!.ReportVersion);
        Assert.Equal(["m1"], again.State.Models.Keys);
    }
}
