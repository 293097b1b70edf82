using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace DanVanKheo.Silo.Audit;

/// <summary>
/// Audit entries as rows of <c>dvk_audit</c>: appending costs one insert however long the log is (a grain
/// holding a unit's whole log would rewrite all of it on every write), and a page is an index range.
/// </summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster) : IAuditStore
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO dvk_audit (service_id, unit, at, user_name, action, model, before, after)
            SELECT @service, e.* FROM unnest(@units, @ats, @users, @actions, @models, @befores, @afters) AS e
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("units", [.. entries.Select(e => e.Unit)]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("ats", [.. entries.Select(e => e.At)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("users", [.. entries.Select(e => e.User)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("actions", [.. entries.Select(e => e.Action)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("models", [.. entries.Select(e => e.Model)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("befores", [.. entries.Select(e => e.Before)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("afters", [.. entries.Select(e => e.After)]));
        await command.ExecuteNonQueryAsync();
    }

    public async Task<AuditPage> ReadAsync(string unit, int offset, int limit)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT at, user_name, action, unit, model, before, after, count(*) OVER () AS total
            FROM dvk_audit WHERE service_id = @service AND unit = @unit
            ORDER BY id DESC OFFSET @offset LIMIT @limit
            """);
        command.Parameters.AddWithValue("service", _serviceId);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("offset", offset);
        command.Parameters.AddWithValue("limit", limit);
        var entries = new List<AuditEntry>(limit);
        long total = -1;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                entries.Add(new AuditEntry(
                    reader.GetFieldValue<DateTimeOffset>(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)));
                total = reader.GetInt64(7);
            }
        }

        // A page past the end has no rows to carry the total.
        if (total < 0)
        {
            await using var count = dataSource.CreateCommand("SELECT count(*) FROM dvk_audit WHERE service_id = @service AND unit = @unit");
            count.Parameters.AddWithValue("service", _serviceId);
            count.Parameters.AddWithValue("unit", unit);
            total = (long)(await count.ExecuteScalarAsync())!;
        }

        return new AuditPage([.. entries], (int)Math.Min(total, int.MaxValue));
    }
}
