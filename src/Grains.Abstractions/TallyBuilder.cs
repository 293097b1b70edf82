namespace DanVanKheo;

/// <summary>Mutable running sum of tallies and model contributions; not a wire type.</summary>
public sealed class TallyBuilder
{
    private readonly SortedDictionary<int, int[]> _rows = new();

    public TallyBuilder Clear()
    {
        _rows.Clear();
        return this;
    }

    public TallyBuilder Add(Tally tally, int sign)
    {
        for (var i = 0; i < tally.Years.Length; i++)
        {
            var row = Row(tally.Years[i]);
            var offset = i * Counter.Count;
            for (var c = 0; c < Counter.Count; c++)
            {
                row[c] += sign * tally.Counts[offset + c];
            }
        }

        return this;
    }

    public TallyBuilder Add(Contribution contribution, int sign)
    {
        if (contribution.Mask == 0)
        {
            return this;
        }

        var row = Row(contribution.Year);
        var mask = contribution.Mask;
        while (mask != 0)
        {
            var c = System.Numerics.BitOperations.TrailingZeroCount(mask);
            row[c] += sign;
            mask &= mask - 1;
        }

        return this;
    }

    public Tally ToTally()
    {
        var years = new List<int>(_rows.Count);
        var counts = new List<int>(_rows.Count * Counter.Count);
        foreach (var (year, row) in _rows)
        {
            if (Array.TrueForAll(row, v => v == 0))
            {
                continue;
            }

            years.Add(year);
            counts.AddRange(row);
        }

        return years.Count == 0 ? Tally.Empty : new Tally([.. years], [.. counts]);
    }

    private int[] Row(int year)
    {
        if (!_rows.TryGetValue(year, out var row))
        {
            row = new int[Counter.Count];
            _rows[year] = row;
        }

        return row;
    }
}
