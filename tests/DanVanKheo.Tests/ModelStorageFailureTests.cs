using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DanVanKheo.Grains;
using DanVanKheo.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace DanVanKheo.Tests;

/// <summary>
/// Models store their state through <see cref="GrainStore{T}"/>, not Orleans' facet: a write the storage refuses must
/// still reach the caller as an <see cref="OrleansException"/> naming the grain (dvk prints those as a connection-level
/// failure), leave the model and its unit as they were, and show in our storage instrument (Orleans' own belong to the
/// facet).
/// </summary>
public sealed class ModelStorageFailureTests
{
    [Fact]
    public async Task A_model_write_the_storage_refuses_reaches_the_caller_naming_the_grain_and_changes_nothing()
    {
        var cluster = ClusterFixture.Build(1, _ => { }, silo =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Store);
            silo.Services.AddGrainStorage(StorageNames.Rollup, (services, _) =>
                new RefusingWrites(ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(services)));
        });
        await cluster.DeployAsync();
        using var storageOperations = StorageOperations.Of(cluster.Silos[0].ServiceProvider.GetRequiredService<IMeterFactory>());
        try
        {
            var grains = cluster.Client;
            var tree = new TestTree(grains);
            await tree.Unit("P", Level.Province, null);
            await tree.Unit("C", Level.Commune, "P");
            var id = tree.Code("m");
            var model = grains.GetGrain<IModelGrain>(id);
            var registered = await model.Register(TestTree.Model(id, tree.Code("C")));

            RefusingWrites.Refuse(id);
            var refused = await Assert.ThrowsAsync<OrleansException>(() => model.Evaluate(2024, effective: true));
            Assert.Contains(id, refused.Message);
            Assert.Contains(ModelGrain.StateName, refused.Message);
            Assert.True(Same(registered, await model.Get()), "the refused change is not kept in memory");
            Assert.Equal(1, storageOperations.Count("write", "error"));
            var writesBefore = storageOperations.Count("write", "ok");

            RefusingWrites.Allow(id);
            var evaluated = await model.Evaluate(2024, effective: true);
            Assert.Equal(registered.Version + 1, evaluated.Version);
            Assert.Equal(writesBefore + 1, storageOperations.Count("write", "ok"));
            Assert.Equal(1, storageOperations.Count("write", "error"));

            // Deactivated and read back from the store: the stored record is the acknowledged one.
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            Assert.True(Same(evaluated, await Eventually.Get(model.Get, m => Same(evaluated, m))));
            var commune = await Eventually.Get(() => tree.Summary(tree.Code("C")), s => s.Effective == 1);
            Assert.Equal(1, commune.Total);
            Oracle.AssertNone(await Oracle.DifferencesAfterQuiescenceAsync(grains, [tree.Code("P"), tree.Code("C")], [id]));
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>What <c>dvk.storage.duration</c> recorded for model state in one silo (its meter factory; other silos of the process are not heard).</summary>
    private sealed class StorageOperations : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string Operation, string Outcome), int> _counts = new();

        public static StorageOperations Of(IMeterFactory silo)
        {
            var operations = new StorageOperations();
            operations._listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "dvk.storage.duration" && ReferenceEquals(instrument.Meter.Scope, silo))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            operations._listener.SetMeasurementEventCallback<double>((_, _, tags, _) => operations.Record(tags));
            operations._listener.Start();
            return operations;
        }

        public int Count(string operation, string outcome) => _counts.GetValueOrDefault((operation, outcome));

        private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? state = null, operation = null, outcome = null;
            foreach (var (key, value) in tags)
            {
                _ = key switch
                {
                    "state" => state = value as string,
                    "operation" => operation = value as string,
                    "outcome" => outcome = value as string,
                    _ => null,
                };
            }

            if (state == ModelGrain.StateName)
            {
                _counts.AddOrUpdate((operation!, outcome!), 1, (_, n) => n + 1);
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Records compare their evaluation arrays by reference, so a copy from a call never equals the original.</summary>
    private static bool Same(ModelRecord expected, ModelRecord? actual) =>
        actual is not null && actual.Version == expected.Version && actual.SameFacts(expected);

    /// <summary>A real store whose writes fail for the grain keys a test names, as a database that went away would.</summary>
    private sealed class RefusingWrites(IGrainStorage store) : IGrainStorage
    {
        private static readonly ConcurrentDictionary<string, bool> Refused = new();

        public static void Refuse(string key) => Refused[key] = true;

        public static void Allow(string key) => Refused.TryRemove(key, out _);

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            store.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Refused.ContainsKey(grainId.Key.ToString()!)
                ? Task.FromException(new InvalidOperationException("injected: the database is unreachable"))
                : store.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            store.ClearStateAsync(stateName, grainId, grainState);
    }
}
