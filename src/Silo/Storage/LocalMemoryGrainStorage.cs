using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace DanVanKheo.Silo.Storage;

/// <summary>
/// Grain state kept in this silo's memory as deep copies: no serialisation and no storage-grain hop per
/// write, which were most of the CPU of a write with Orleans' memory storage. For one silo only (a grain
/// re-activated on another silo would not find its state), and nothing survives the process, like the
/// default memory storage. ETags are checked as a real store would. States marked <see cref="ISnapshotState"/>
/// are kept as written (their grain writes a fresh snapshot each time); every other state is copied.
/// </summary>
public sealed class LocalMemoryGrainStorage(DeepCopier copier) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string Type, GrainId Id), Entry> _entries = new();
    private long _etag;

    /// <summary>How many grain states this store holds.</summary>
    public int Count => _entries.Count;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry) && entry.State is T state)
        {
            grainState.State = copier.Copy(state);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var etag = NextETag();
        // A snapshot state is already a private copy that its grain never touches again: copying it again was
        // most of the cost of a unit write (a unit's state holds a map per child and per own model).
        object? copy = grainState.State is ISnapshotState ? grainState.State : copier.Copy(grainState.State);
        _entries.AddOrUpdate(
            key,
            (_, args) => args.Given is null ? new Entry(args.Copy, args.ETag) : throw Mismatch(null, args.Given),
            (_, current, args) => current.ETag == args.Given ? new Entry(args.Copy, args.ETag) : throw Mismatch(current.ETag, args.Given),
            (Copy: copy, ETag: etag, Given: grainState.ETag));
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_entries.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag)
            {
                throw Mismatch(current.ETag, grainState.ETag);
            }

            _entries.TryRemove(key, out _);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _etag).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Mismatch(string? stored, string? given) =>
        new($"ETag mismatch: stored {stored ?? "none"}, given {given ?? "none"}", stored ?? "", given ?? "");

    private sealed record Entry(object? State, string ETag);
}
