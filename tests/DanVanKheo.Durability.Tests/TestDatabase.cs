using Npgsql;

namespace DanVanKheo.Durability.Tests;

/// <summary>
/// A new, empty database for one test, created through the role in <see cref="Variable"/> (which needs CREATEDB)
/// and dropped afterwards. Names start with <c>dvk_durable_t</c>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "DVK_TEST_POSTGRES";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public static string? AdminConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public string Name { get; }

    /// <summary>For silos and clients: the test database, a small pool (several silos share one PostgreSQL).</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(
            $"CI=true but {Variable} is not set: the durability tests need PostgreSQL (.ci/run installs and starts it)");
        var name = "dvk_durable_t" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20, Pooling = true };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();

        // FORCE ends our own sessions, but not an autovacuum worker that happens to be on the database (42501, it
        // belongs to the superuser); that one finishes soon, so try again for a while.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (exception.SqlState is "42501" or "55006" && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
