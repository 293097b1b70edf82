using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace DanVanKheo.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL table <c>dvk_grain_state</c> with group commit: the reads and writes that are
/// waiting when a worker becomes free go to the database as one statement per state name, so a thousand
/// models registering at once cost a few statements rather than two thousand. One statement per grain
/// operation (the Orleans ADO.NET provider) caps a silo at roughly 2,700 operations/s on two cores, which is
/// below one read and one write per model at 2,000 models/s. Each call still returns only after its
/// statement committed, and the version column is checked like an ETag, so nothing is weakened: a stale
/// activation's write is refused with <see cref="InconsistentStateException"/>.
/// </summary>
/// <remarks>A state name belongs to one grain type: rows are keyed by state name and the grain's key.</remarks>
public sealed class BatchedGrainStorage : IGrainStorage, IAsyncDisposable
{
    /// <summary>Enough to amortise a round trip; small enough that one statement stays a few milliseconds.</summary>
    private const int MaxBatch = 256;

    /// <summary>Statements in flight at once: lets batches form while earlier ones run, within the connection pool.</summary>
    private const int Workers = 4;

    private readonly Channel<StateOperation> _queue = Channel.CreateUnbounded<StateOperation>();
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly string _serviceId;
    private readonly Task[] _workers;
    private long _statements;

    public BatchedGrainStorage(NpgsqlDataSource dataSource, GrainStateSerializer serializer, IOptions<ClusterOptions> cluster)
    {
        _dataSource = dataSource;
        _serializer = serializer.Serializer;
        _serviceId = cluster.Value.ServiceId;
        _workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Read and write statements sent so far (each serves a whole batch).</summary>
    public long Statements => Interlocked.Read(ref _statements);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await EnqueueAsync(StateOperation.Read(stateName, Key(grainId)));
        if (stored.Payload is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(stored.Payload));
        grainState.ETag = ETag(stored.Version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var expected = ParseETag(grainState.ETag);
        var stored = await EnqueueAsync(StateOperation.Write(stateName, Key(grainId), expected, payload));
        if (stored.Version is not { } version)
        {
            throw new InconsistentStateException(
                $"state '{stateName}' of {grainId} changed in storage since version {grainState.ETag ?? "none"} was read / dữ liệu đã bị thay đổi",
                "unknown",
                grainState.ETag ?? "none");
        }

        grainState.ETag = ETag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = ParseETag(grainState.ETag);

        // With a version: delete exactly that version. Without one: there must be nothing to delete.
        await using var command = _dataSource.CreateCommand(
            expected is null
                ? "SELECT count(*) FROM dvk_grain_state WHERE service_id = @service AND state_name = @state AND grain_key = @key"
                : "WITH deleted AS (DELETE FROM dvk_grain_state WHERE service_id = @service AND state_name = @state AND grain_key = @key AND version = @expected RETURNING 1) SELECT 1 - count(*) FROM deleted");
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("key", Key(grainId));
        command.Parameters.AddWithValue("expected", expected ?? 0);
        if (Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) != 0)
        {
            throw new InconsistentStateException(
                $"state '{stateName}' of {grainId} changed in storage since version {grainState.ETag ?? "none"} was read", "unknown", grainState.ETag ?? "none");
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private static string Key(GrainId grainId) => grainId.Key.ToString()!;

    private static string ETag(int? version) => version!.Value.ToString(CultureInfo.InvariantCulture);

    private static int? ParseETag(string? etag) =>
        etag is null ? null
        : int.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw new InconsistentStateException($"ETag '{etag}' was not written by this storage", "unknown", etag);

    private async Task<StoredState> EnqueueAsync(StateOperation operation)
    {
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(BatchedGrainStorage), "grain storage is shutting down");
        }

        return await operation.Completion.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<StateOperation>(MaxBatch);
        var deferred = new List<StateOperation>();
        while (deferred.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            batch.AddRange(deferred);
            deferred.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            foreach (var group in batch.GroupBy(o => (o.IsWrite, o.StateName)))
            {
                var operations = group.Key.IsWrite ? Distinct(group, deferred) : group.ToList();
                Interlocked.Increment(ref _statements);
                try
                {
                    await (group.Key.IsWrite ? WriteAsync(group.Key.StateName, operations) : ReadAsync(group.Key.StateName, operations));
                }
                catch (Exception exception)
                {
                    // One statement per group: it committed entirely or not at all, so each caller may retry.
                    foreach (var operation in operations)
                    {
                        operation.Completion.TrySetException(exception);
                    }
                }
            }
        }
    }

    /// <summary>Two writes to one row in one statement could not each be checked against the version: the later waits a turn.</summary>
    private static List<StateOperation> Distinct(IEnumerable<StateOperation> operations, List<StateOperation> deferred)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var distinct = new List<StateOperation>();
        foreach (var operation in operations)
        {
            (keys.Add(operation.Key) ? distinct : deferred).Add(operation);
        }

        return distinct;
    }

    private async Task ReadAsync(string stateName, List<StateOperation> operations)
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT grain_key, version, payload FROM dvk_grain_state
            WHERE service_id = @service AND state_name = @state AND grain_key = ANY(@keys)
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. operations.Select(o => o.Key).Distinct(StringComparer.Ordinal)]));
        var found = new Dictionary<string, StoredState>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found[reader.GetString(0)] = new StoredState(reader.GetInt32(1), (byte[])reader[2]);
            }
        }

        foreach (var operation in operations)
        {
            operation.Completion.TrySetResult(found.GetValueOrDefault(operation.Key, StoredState.Missing));
        }
    }

    private async Task WriteAsync(string stateName, List<StateOperation> operations)
    {
        await using var command = _dataSource.CreateCommand(
            """
            WITH input AS (
                SELECT * FROM unnest(@keys, @expected, @payloads) AS i(grain_key, expected, payload)),
            updated AS (
                UPDATE dvk_grain_state s SET version = s.version + 1, payload = i.payload, modified_at = now()
                FROM input i
                WHERE s.service_id = @service AND s.state_name = @state AND s.grain_key = i.grain_key
                  AND i.expected IS NOT NULL AND s.version = i.expected
                RETURNING s.grain_key, s.version),
            inserted AS (
                INSERT INTO dvk_grain_state (service_id, state_name, grain_key, version, payload)
                SELECT @service, @state, i.grain_key, 1, i.payload FROM input i WHERE i.expected IS NULL
                ON CONFLICT DO NOTHING
                RETURNING grain_key, version)
            SELECT grain_key, version FROM updated UNION ALL SELECT grain_key, version FROM inserted
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. operations.Select(o => o.Key)]));
        command.Parameters.Add(new NpgsqlParameter<int?[]>("expected", [.. operations.Select(o => o.ExpectedVersion)]));
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("payloads", [.. operations.Select(o => o.Payload!)]));
        var written = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        foreach (var operation in operations)
        {
            // Not returned: the stored version was not the one the grain read (or a row exists it did not know of).
            operation.Completion.TrySetResult(written.TryGetValue(operation.Key, out var version) ? new StoredState(version, null) : StoredState.Missing);
        }
    }

    private sealed record StoredState(int? Version, byte[]? Payload)
    {
        public static readonly StoredState Missing = new(null, null);
    }

    private sealed class StateOperation
    {
        private StateOperation(bool isWrite, string stateName, string key, int? expectedVersion, byte[]? payload)
        {
            IsWrite = isWrite;
            StateName = stateName;
            Key = key;
            ExpectedVersion = expectedVersion;
            Payload = payload;
        }

        public bool IsWrite { get; }

        public string StateName { get; }

        public string Key { get; }

        public int? ExpectedVersion { get; }

        public byte[]? Payload { get; }

        public TaskCompletionSource<StoredState> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static StateOperation Read(string stateName, string key) => new(false, stateName, key, null, null);

        public static StateOperation Write(string stateName, string key, int? expectedVersion, byte[] payload) =>
            new(true, stateName, key, expectedVersion, payload);
    }
}
