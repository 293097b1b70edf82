using DanVanKheo.Client.Load;
using Npgsql;
using NpgsqlTypes;

namespace DanVanKheo.Client.Bench;

/// <summary>
/// The alternative the benchmark measures: the same models in PostgreSQL, in schema <c>dvk_bench</c>.
/// <c>models</c> carries each model's unit path (hamlet, commune, district, province) with a covering
/// index per level, and a tally is a <c>GROUP BY year</c> with one filtered count per counter.
/// <c>models_t</c> is the same table whose triggers keep per-unit counters in <c>unit_tally</c> up to date.
/// </summary>
public sealed class SqlStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, hamlet, commune, district, province, year, field, kind, status, levels, commendations, evaluated, effective, exemplar";
    private const string Include = "INCLUDE (year, field, kind, status, levels, commendations, evaluated, effective, exemplar)";

    public static readonly string[] LevelColumns = ["province", "district", "commune", "hamlet"];

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        var table = """
            (id text PRIMARY KEY, hamlet text, commune text, district text, province text NOT NULL,
             year smallint NOT NULL, field smallint NOT NULL, kind smallint NOT NULL, status smallint NOT NULL,
             levels smallint NOT NULL, commendations smallint NOT NULL, evaluated boolean NOT NULL,
             effective boolean NOT NULL, exemplar boolean NOT NULL)
            """;
        await ExecuteAsync(
            $"""
            DROP SCHEMA IF EXISTS dvk_bench CASCADE;
            CREATE SCHEMA dvk_bench;
            CREATE TABLE dvk_bench.models {table};
            CREATE TABLE dvk_bench.models_t {table};
            CREATE TABLE dvk_bench.unit_tally (unit text NOT NULL, year smallint NOT NULL, counts int[] NOT NULL, PRIMARY KEY (unit, year));
            CREATE FUNCTION dvk_bench.vector(status smallint, field smallint, kind smallint, levels smallint, commendations smallint, evaluated boolean, effective boolean, exemplar boolean)
              RETURNS int[] LANGUAGE sql IMMUTABLE AS $$ SELECT {SqlTally.VectorExpression} $$;
            CREATE FUNCTION dvk_bench.add(u text, y smallint, v int[], sign int) RETURNS void LANGUAGE sql AS $$
              INSERT INTO dvk_bench.unit_tally AS t (unit, year, counts)
              VALUES (u, y, ARRAY(SELECT x * sign FROM unnest(v) WITH ORDINALITY AS a(x, i) ORDER BY i))
              ON CONFLICT (unit, year) DO UPDATE
              SET counts = ARRAY(SELECT a + b FROM unnest(t.counts, excluded.counts) WITH ORDINALITY AS z(a, b, i) ORDER BY i)
            $$;
            CREATE FUNCTION dvk_bench.on_model_change() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE u text;
            BEGIN
              -- Ancestors in one order (VN first) in every transaction, so concurrent writers cannot deadlock.
              IF TG_OP IN ('UPDATE', 'DELETE') THEN
                FOREACH u IN ARRAY ARRAY['VN', OLD.province, OLD.district, OLD.commune, OLD.hamlet] LOOP
                  IF u IS NOT NULL THEN
                    PERFORM dvk_bench.add(u, OLD.year, dvk_bench.vector(OLD.status, OLD.field, OLD.kind, OLD.levels, OLD.commendations, OLD.evaluated, OLD.effective, OLD.exemplar), -1);
                  END IF;
                END LOOP;
              END IF;
              IF TG_OP IN ('INSERT', 'UPDATE') THEN
                FOREACH u IN ARRAY ARRAY['VN', NEW.province, NEW.district, NEW.commune, NEW.hamlet] LOOP
                  IF u IS NOT NULL THEN
                    PERFORM dvk_bench.add(u, NEW.year, dvk_bench.vector(NEW.status, NEW.field, NEW.kind, NEW.levels, NEW.commendations, NEW.evaluated, NEW.effective, NEW.exemplar), 1);
                  END IF;
                END LOOP;
              END IF;
              RETURN NULL;
            END $$;
            """,
            cancellationToken);
    }

    /// <summary>Bulk-loads the models into both tables, builds the indexes and the initial counters, then arms the trigger.</summary>
    public async Task LoadAsync(SimulatedCountry country, ModelPool pool, CancellationToken cancellationToken)
    {
        var paths = Paths(country);
        foreach (var table in new[] { "models", "models_t" })
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY dvk_bench.{table} ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var i = 0; i < pool.Count; i++)
                {
                    var m = pool[i];
                    var path = paths[m.Unit];
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(pool.Id(i), NpgsqlDbType.Text, cancellationToken);
                    foreach (var code in path)
                    {
                        await writer.WriteAsync(code, NpgsqlDbType.Text, cancellationToken);
                    }

                    await writer.WriteAsync(m.Year, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync((short)m.Field, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync((short)m.Kind, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync((short)(m.Discontinued ? 1 : 0), NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync((short)m.Levels, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync((short)m.Commendations, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync(m.EvaluationYear != 0, NpgsqlDbType.Boolean, cancellationToken);
                    await writer.WriteAsync(m.EvaluationYear != 0 && m.Effective, NpgsqlDbType.Boolean, cancellationToken);
                    await writer.WriteAsync(m.Commendations != Commendations.None, NpgsqlDbType.Boolean, cancellationToken);
                }

                await writer.CompleteAsync(cancellationToken);
            }
        }

        var indexes = string.Join("\n", LevelColumns.Select(level => $"CREATE INDEX ON dvk_bench.models ({level}) {Include};"));
        var sums = string.Join(
            "\nUNION ALL ",
            LevelColumns.Select(level => $"SELECT {level}, year, {SqlTally.SumArray} FROM dvk_bench.models_t WHERE {level} IS NOT NULL GROUP BY {level}, year")
                .Prepend($"SELECT 'VN', year, {SqlTally.SumArray} FROM dvk_bench.models_t GROUP BY year"));
        await ExecuteAsync(
            $"""
            {indexes}
            INSERT INTO dvk_bench.unit_tally (unit, year, counts) {sums};
            CREATE TRIGGER model_change AFTER INSERT OR UPDATE OR DELETE ON dvk_bench.models_t FOR EACH ROW EXECUTE FUNCTION dvk_bench.on_model_change();
            """,
            cancellationToken);

        // VACUUM sets the visibility map that index-only scans need; it cannot run inside a batch.
        foreach (var table in new[] { "models", "models_t", "unit_tally" })
        {
            await ExecuteAsync($"VACUUM ANALYZE dvk_bench.{table}", cancellationToken);
        }
    }

    /// <summary>The best plain SQL: filtered counts grouped by year over the unit's subtree (index-only scan by path column).</summary>
    public async Task<Tally> GroupByAsync(Level level, string code, CancellationToken cancellationToken)
    {
        var where = level == Level.National ? "" : $"WHERE {LevelColumns[(int)level - 1]} = $1";
        await using var command = dataSource.CreateCommand($"SELECT year, {SqlTally.SumArray} FROM dvk_bench.models {where} GROUP BY year ORDER BY year");
        if (level != Level.National)
        {
            command.Parameters.AddWithValue(code);
        }

        return await ReadTallyAsync(command, cancellationToken);
    }

    /// <summary>The trigger-maintained counters: one indexed row per (unit, year).</summary>
    public async Task<Tally> CountersAsync(string code, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT year, counts FROM dvk_bench.unit_tally WHERE unit = $1 ORDER BY year");
        command.Parameters.AddWithValue(code);
        return await ReadTallyAsync(command, cancellationToken);
    }

    /// <summary>The benchmark's write: a yearly evaluation of one model.</summary>
    public async Task EvaluateAsync(bool counters, string id, bool effective, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE dvk_bench.{(counters ? "models_t" : "models")} SET evaluated = true, effective = $2 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(effective);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Tally> ReadTallyAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(int, int[])>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt16(0), reader.GetFieldValue<int[]>(1)));
        }

        return SqlTally.ToTally(rows);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Each unit's (hamlet, commune, district, province) codes, null where the level is absent.</summary>
    private static string?[][] Paths(SimulatedCountry country)
    {
        var paths = new string?[country.Units.Length][];
        for (var i = 0; i < paths.Length; i++)
        {
            var path = new string?[4];
            for (var u = i; u >= 0; u = country.Parents[u])
            {
                var unit = country.Units[u];
                var slot = unit.Level switch { Level.Hamlet => 0, Level.Commune => 1, Level.District => 2, Level.Province => 3, _ => -1 };
                if (slot >= 0)
                {
                    path[slot] = unit.Code;
                }
            }

            paths[i] = path;
        }

        return paths;
    }
}
