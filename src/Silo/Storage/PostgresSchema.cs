using System.Reflection;
using Npgsql;

namespace DanVanKheo.Silo.Storage;

/// <summary>
/// Creates and migrates the PostgreSQL schema: the numbered scripts in <c>Schema/</c>, each applied once and
/// recorded in <c>dvk_schema_version</c>. Everything runs in one transaction holding an advisory lock, so silos
/// starting together against an empty database apply it exactly once and none starts on a half-made schema.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Arbitrary, fixed: every DanVanKheo silo takes this advisory lock while migrating.</summary>
    public const long AdvisoryLockKey = 0x44564B_5343484D; // "DVK SCHM"

    private const string ResourcePrefix = "DanVanKheo.Silo.Storage.Schema.";

    /// <summary>The scripts this release knows, by version (the number in the file name).</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts[^1].Version;

    /// <summary>
    /// Applies the missing scripts (up to <paramref name="upToVersion"/>, by default all: a lower one lets a test make a
    /// database as an older release left it); returns the versions this call applied (none when already current).
    /// </summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default, int? upToVersion = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            """
            CREATE TABLE IF NOT EXISTS dvk_schema_version
            (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            cancellationToken);

        var current = 0;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM dvk_schema_version", connection, transaction))
        {
            current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"the database schema is at version {current}, newer than this release knows ({LatestVersion}); run a newer silo");
        }

        var applied = new List<int>();
        foreach (var (version, name, sql) in Scripts.Where(s => s.Version > current && s.Version <= (upToVersion ?? LatestVersion)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO dvk_schema_version(version, name) VALUES (@version, @name)", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            record.Parameters.AddWithValue("name", name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            applied.Add(version);
        }

        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(int, string, string)> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var version = int.Parse(name[..name.IndexOf('-')], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add((version, name, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        if (scripts.Count == 0 || scripts.Select(s => s.Item1).Distinct().Count() != scripts.Count)
        {
            throw new InvalidOperationException("schema scripts are missing or two share a version number");
        }

        return scripts;
    }
}
