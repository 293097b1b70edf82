namespace DanVanKheo;

/// <summary>
/// The counters of a tally that changed, and by how much: pairs of (year × 64 + counter, amount) in <see cref="Cells"/>.
/// A child reports this instead of its whole tally when its parent confirmed the version it is based on: a change of
/// one model touches a few counters of one year, while a whole tally is 30 counters for every registration year.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.TallyDelta")]
public sealed class TallyDelta
{
    public static readonly TallyDelta Empty = new([]);

    public TallyDelta(int[] cells)
    {
        if (cells.Length % 2 != 0)
        {
            throw new ArgumentException("cells must be (key, amount) pairs", nameof(cells));
        }

        Cells = cells;
    }

    [Id(0)]
    public int[] Cells { get; }

    public bool IsEmpty => Cells.Length == 0;

    public int Count => Cells.Length / 2;

    public static int Key(int year, int counter) => (year << 6) | counter;

    public int YearAt(int index) => Cells[2 * index] >> 6;

    public int CounterAt(int index) => Cells[2 * index] & 63;

    public int AmountAt(int index) => Cells[(2 * index) + 1];

    public override string ToString() => $"TallyDelta({Count} counters)";
}
