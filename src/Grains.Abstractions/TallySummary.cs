namespace DanVanKheo;

/// <summary>A tally summed over a range of registration years (null = unbounded).</summary>
[GenerateSerializer, Immutable, Alias("dvk.TallySummary")]
public sealed record TallySummary([property: Id(0)] int[] Counters, [property: Id(1)] int? From, [property: Id(2)] int? To)
{
    public int Total
    {
        get
        {
            var total = 0;
            for (var i = 0; i < 8; i++)
            {
                total += Counters[Counter.ActiveFirst + i];
            }

            return total;
        }
    }

    public int ByField(Field field) =>
        Counters[Counter.Active(field, ModelKind.Collective)] + Counters[Counter.Active(field, ModelKind.Individual)];

    public int ByKind(ModelKind kind)
    {
        var sum = 0;
        foreach (var field in Enum.GetValues<Field>())
        {
            sum += Counters[Counter.Active(field, kind)];
        }

        return sum;
    }

    public int Effective => Counters[Counter.Effective];

    public int Evaluated => Counters[Counter.Evaluated];

    public int Exemplars => Counters[Counter.ExemplarFirst] + Counters[Counter.ExemplarFirst + 1];

    public int ExemplarsOfKind(ModelKind kind) => Counters[Counter.ExemplarFirst + (int)kind];

    /// <param name="levelIndex">0 commune, 1 district, 2 province, 3 national.</param>
    public int Commended(int levelIndex) =>
        Counters[Counter.Commended(levelIndex, ModelKind.Collective)] + Counters[Counter.Commended(levelIndex, ModelKind.Individual)];

    public int CommendedOfKind(int levelIndex, ModelKind kind) => Counters[Counter.Commended(levelIndex, kind)];

    /// <param name="levelIndex">0 commune, 1 district, 2 province.</param>
    public int RegisteredAt(int levelIndex) => Counters[Counter.RegisteredFirst + levelIndex];

    public int RegisteredAtAllThree => Counters[Counter.RegisteredAllThree];

    public int Discontinued
    {
        get
        {
            var sum = 0;
            for (var i = 0; i < 4; i++)
            {
                sum += Counters[Counter.DiscontinuedFirst + i];
            }

            return sum;
        }
    }

    public int DiscontinuedOfField(Field field) => Counters[Counter.DiscontinuedFirst + (int)field];

    public bool Equals(TallySummary? other) =>
        other is not null && From == other.From && To == other.To && Counters.AsSpan().SequenceEqual(other.Counters);

    public override int GetHashCode() => HashCode.Combine(Total, From, To);
}
