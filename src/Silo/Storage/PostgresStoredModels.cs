using DanVanKheo.Grains;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace DanVanKheo.Silo.Storage;

/// <summary>
/// Reads model grain state from <c>dvk_grain_state</c> (written by <see cref="BatchedGrainStorage"/>): rows of state
/// name <see cref="ModelGrain.StateName"/> for this service, keyed by the model id, decoded with the same serializer.
/// </summary>
public sealed class PostgresStoredModels(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, GrainStateSerializer serializer) : IStoredModels
{
    public async Task<ModelRecord[]> ListAsync(string afterId, int limit)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT grain_key, payload
            FROM dvk_grain_state
            WHERE service_id = @service AND state_name = @type AND grain_key > @after
            ORDER BY grain_key
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("service", cluster.Value.ServiceId);
        command.Parameters.AddWithValue("type", ModelGrain.StateName);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        var records = new List<ModelRecord>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var state = serializer.Serializer.Deserialize<ModelState>(new BinaryData((byte[])reader[1]));
            if (state?.Record is { } record)
            {
                records.Add(record);
            }
        }

        return [.. records];
    }
}

/// <summary>
/// The grain-state format: the Orleans binary serializer, which names types by their <c>[Alias]</c> and members by
/// their <c>[Id]</c>, so renaming a class, namespace or assembly does not break stored state (the default JSON
/// serializer writes CLR type names into <c>$type</c>).
/// </summary>
public sealed class GrainStateSerializer(Orleans.Serialization.Serializer serializer)
{
    public IGrainStorageSerializer Serializer { get; } = new OrleansGrainStorageSerializer(serializer);
}
