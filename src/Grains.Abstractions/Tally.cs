namespace DanVanKheo;

/// <summary>
/// Counts per registration year: <see cref="Years"/> is sorted and holds only years with a non-zero
/// counter; <see cref="Counts"/> holds <see cref="Counter.Count"/> counters per year, in the same order.
/// Immutable and canonical, so two tallies of the same models are equal.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.Tally")]
public sealed class Tally : IEquatable<Tally>
{
    public static readonly Tally Empty = new([], []);

    public Tally(int[] years, int[] counts)
    {
        if (counts.Length != years.Length * Counter.Count)
        {
            throw new ArgumentException("counts must hold Counter.Count values per year", nameof(counts));
        }

        Years = years;
        Counts = counts;
    }

    [Id(0)]
    public int[] Years { get; }

    [Id(1)]
    public int[] Counts { get; }

    public bool IsEmpty => Years.Length == 0;

    public int Get(int year, int counter)
    {
        var i = Array.BinarySearch(Years, year);
        return i < 0 ? 0 : Counts[i * Counter.Count + counter];
    }

    public TallySummary Summarize(int? from = null, int? to = null)
    {
        var sums = new int[Counter.Count];
        for (var i = 0; i < Years.Length; i++)
        {
            if ((from is { } f && Years[i] < f) || (to is { } t && Years[i] > t))
            {
                continue;
            }

            for (var c = 0; c < Counter.Count; c++)
            {
                sums[c] += Counts[i * Counter.Count + c];
            }
        }

        return new TallySummary(sums, from, to);
    }

    public Tally Add(Tally other) => new TallyBuilder().Add(this, 1).Add(other, 1).ToTally();

    public Tally Subtract(Tally other) => new TallyBuilder().Add(this, 1).Add(other, -1).ToTally();

    public bool Equals(Tally? other) =>
        other is not null && Years.AsSpan().SequenceEqual(other.Years) && Counts.AsSpan().SequenceEqual(other.Counts);

    public override bool Equals(object? obj) => Equals(obj as Tally);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var y in Years)
        {
            hash.Add(y);
        }

        foreach (var c in Counts)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"Tally({Summarize().Total} active in {Years.Length} years)";
}
