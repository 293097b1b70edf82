namespace DanVanKheo.Client.Bench;

/// <summary>
/// The 30 counters of a <see cref="Tally"/> (see <see cref="Counter"/>) as SQL conditions over one row of
/// the benchmark's models table, in counter order, so PostgreSQL computes exactly the numbers a unit holds.
/// </summary>
public static class SqlTally
{
    public static readonly string[] Conditions = Build();

    /// <summary>One model's counters as an int[] (0/1 each), for the trigger-maintained variant.</summary>
    public static string VectorExpression => "ARRAY[" + string.Join(", ", Conditions.Select(c => $"({c})::int")) + "]";

    /// <summary>A group's counters: <c>ARRAY[count(*) FILTER (WHERE …), …]</c>, one per counter.</summary>
    public static string SumArray => "ARRAY[" + string.Join(", ", Conditions.Select(c => $"count(*) FILTER (WHERE {c})::int")) + "]";

    public static Tally ToTally(IEnumerable<(int Year, int[] Counts)> rows)
    {
        var builder = new TallyBuilder();
        foreach (var (year, counts) in rows)
        {
            var years = new[] { year };
            builder.Add(new Tally(years, counts), 1);
        }

        return builder.ToTally();
    }

    private static string[] Build()
    {
        var c = new string[Counter.Count];
        for (var field = 0; field < 4; field++)
        {
            for (var kind = 0; kind < 2; kind++)
            {
                c[Counter.Active((Field)field, (ModelKind)kind)] = $"status = 0 AND field = {field} AND kind = {kind}";
            }

            c[Counter.DiscontinuedFirst + field] = $"status = 1 AND field = {field}";
        }

        c[Counter.Effective] = "status = 0 AND evaluated AND effective";
        c[Counter.Evaluated] = "status = 0 AND evaluated";
        for (var kind = 0; kind < 2; kind++)
        {
            c[Counter.ExemplarFirst + kind] = $"status = 0 AND exemplar AND kind = {kind}";
            c[Counter.DiscontinuedKindFirst + kind] = $"status = 1 AND kind = {kind}";
            for (var level = 0; level < 4; level++)
            {
                c[Counter.Commended(level, (ModelKind)kind)] = $"status = 0 AND commendations & {1 << level} <> 0 AND kind = {kind}";
            }
        }

        for (var level = 0; level < 3; level++)
        {
            c[Counter.RegisteredFirst + level] = $"status = 0 AND levels & {1 << level} <> 0";
        }

        c[Counter.RegisteredAllThree] = "status = 0 AND levels = 7";
        return c;
    }
}
