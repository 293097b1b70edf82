namespace DanVanKheo;

/// <summary>
/// Mutable running sum of tallies and model contributions; not a wire type. The rows are one flat array, one
/// row of <see cref="Counter.Count"/> counters per year from <c>_firstYear</c> on: every report a unit receives
/// adds and subtracts whole tallies here, and a sorted map of rows (the earlier form) cost a lookup and an
/// indirection per year, and a list copy per <see cref="ToTally"/>.
/// </summary>
public sealed class TallyBuilder
{
    private int _firstYear;
    private int _yearCount;
    private int[] _counts = [];

    /// <summary>
    /// The years whose rows may have changed since <see cref="ForgetChanges"/>: bit <c>year - ChangesBase</c>, or every
    /// year when <see cref="_allChanged"/>. Lets <see cref="ChangesSince"/> compare one row where <see cref="DeltaFrom"/>
    /// compares them all: a flush at hamlet or commune level carries one model's change, and reading every year's row
    /// of two cold builders was most of its cost.
    /// </summary>
    private ulong _changedYears;

    private bool _allChanged = true;

    private const int ChangesBase = Rules.FirstYear;

    public bool IsEmpty
    {
        get
        {
            for (var y = 0; y < _yearCount; y++)
            {
                if (RowAt(y).ContainsAnyExcept(0))
                {
                    return false;
                }
            }

            return true;
        }
    }

    public TallyBuilder Clear()
    {
        Array.Clear(_counts);
        _yearCount = 0;
        _allChanged = true;
        return this;
    }

    /// <summary>Starts tracking changes afresh: the caller has just taken this builder's counts as a baseline.</summary>
    public void ForgetChanges()
    {
        _changedYears = 0;
        _allChanged = false;
    }

    /// <summary>
    /// Makes this builder hold exactly <paramref name="tally"/>, reusing its array when it is large enough. A parent keeps
    /// each child's latest tally this way rather than holding the reported object: a report then becomes garbage as
    /// soon as it is applied, while a retained one lived until the child's next report and was promoted by every
    /// young collection in between (at whole-country scale that copying was most of the silo's GC pause).
    /// </summary>
    public TallyBuilder Set(Tally tally)
    {
        Array.Clear(_counts, 0, Math.Min(_counts.Length, _yearCount * Counter.Count));
        _yearCount = 0;
        _allChanged = true;
        if (tally.IsEmpty)
        {
            return this;
        }

        _firstYear = tally.Years[0];
        _yearCount = tally.Years[^1] - _firstYear + 1;
        if (_counts.Length < _yearCount * Counter.Count)
        {
            _counts = new int[_yearCount * Counter.Count];
        }

        for (var i = 0; i < tally.Years.Length; i++)
        {
            tally.Counts.AsSpan(i * Counter.Count, Counter.Count).CopyTo(RowAt(tally.Years[i] - _firstYear));
        }

        return this;
    }

    /// <summary>True when this builder holds the same counts as <paramref name="tally"/>.</summary>
    public bool SameAs(Tally tally)
    {
        var matched = 0;
        for (var y = 0; y < _yearCount; y++)
        {
            var row = RowAt(y);
            if (!row.ContainsAnyExcept(0))
            {
                continue;
            }

            if (matched >= tally.Years.Length || tally.Years[matched] != _firstYear + y
                || !row.SequenceEqual(tally.Counts.AsSpan(matched * Counter.Count, Counter.Count)))
            {
                return false;
            }

            matched++;
        }

        return matched == tally.Years.Length;
    }

    public TallyBuilder Add(TallyBuilder other, int sign)
    {
        for (var y = 0; y < other._yearCount; y++)
        {
            var source = other.RowAt(y);
            if (!source.ContainsAnyExcept(0))
            {
                continue;
            }

            AddRow(Row(other._firstYear + y), source, sign);
        }

        return this;
    }

    public TallyBuilder Add(Tally tally, int sign)
    {
        for (var i = 0; i < tally.Years.Length; i++)
        {
            AddRow(Row(tally.Years[i]), tally.Counts.AsSpan(i * Counter.Count, Counter.Count), sign);
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

    public TallyBuilder Add(TallyDelta delta, int sign)
    {
        for (var i = 0; i < delta.Count; i++)
        {
            Row(delta.YearAt(i))[delta.CounterAt(i)] += sign * delta.AmountAt(i);
        }

        return this;
    }

    /// <summary>What must be added to <paramref name="baseline"/> to give this builder's counts.</summary>
    public TallyDelta DeltaFrom(TallyBuilder baseline)
    {
        if (_yearCount == 0 && baseline._yearCount == 0)
        {
            return TallyDelta.Empty;
        }

        var first = Math.Min(_yearCount == 0 ? int.MaxValue : _firstYear, baseline._yearCount == 0 ? int.MaxValue : baseline._firstYear);
        var end = Math.Max(_firstYear + _yearCount, baseline._firstYear + baseline._yearCount);
        return Delta(baseline, first, end, changedOnly: false);
    }

    /// <summary>
    /// <see cref="DeltaFrom"/> for a <paramref name="baseline"/> that held exactly this builder's counts when
    /// <see cref="ForgetChanges"/> was last called: only the rows changed since then are compared.
    /// </summary>
    public TallyDelta ChangesSince(TallyBuilder baseline)
    {
        if (_allChanged)
        {
            return DeltaFrom(baseline);
        }

        if (_changedYears == 0)
        {
            return TallyDelta.Empty;
        }

        var first = ChangesBase + System.Numerics.BitOperations.TrailingZeroCount(_changedYears);
        var end = ChangesBase + 64 - System.Numerics.BitOperations.LeadingZeroCount(_changedYears);
        return Delta(baseline, first, end, changedOnly: true);
    }

    private TallyDelta Delta(TallyBuilder baseline, int first, int end, bool changedOnly)
    {
        var cells = 0;
        for (var year = first; year < end; year++)
        {
            if (changedOnly && !ChangedIn(year))
            {
                continue;
            }

            ReadOnlySpan<int> mine = RowOf(year), theirs = baseline.RowOf(year);
            if (!SameRow(mine, theirs))
            {
                cells += CountDifferences(mine, theirs);
            }
        }

        if (cells == 0)
        {
            return TallyDelta.Empty;
        }

        var result = new int[2 * cells];
        var next = 0;
        for (var year = first; year < end; year++)
        {
            if (changedOnly && !ChangedIn(year))
            {
                continue;
            }

            ReadOnlySpan<int> mine = RowOf(year), theirs = baseline.RowOf(year);
            if (SameRow(mine, theirs))
            {
                continue;
            }

            for (var c = 0; c < Counter.Count; c++)
            {
                var difference = (mine.IsEmpty ? 0 : mine[c]) - (theirs.IsEmpty ? 0 : theirs[c]);
                if (difference != 0)
                {
                    result[next++] = TallyDelta.Key(year, c);
                    result[next++] = difference;
                }
            }
        }

        return new TallyDelta(result);
    }

    private bool ChangedIn(int year) => (_changedYears & (1UL << (year - ChangesBase))) != 0;

    public Tally ToTally()
    {
        var used = 0;
        for (var y = 0; y < _yearCount; y++)
        {
            if (RowAt(y).ContainsAnyExcept(0))
            {
                used++;
            }
        }

        if (used == 0)
        {
            return Tally.Empty;
        }

        var years = new int[used];
        var counts = new int[used * Counter.Count];
        var next = 0;
        for (var y = 0; y < _yearCount; y++)
        {
            var row = RowAt(y);
            if (row.ContainsAnyExcept(0))
            {
                years[next] = _firstYear + y;
                row.CopyTo(counts.AsSpan(next * Counter.Count));
                next++;
            }
        }

        return new Tally(years, counts);
    }

    private static void AddRow(Span<int> row, ReadOnlySpan<int> source, int sign)
    {
        for (var c = 0; c < Counter.Count; c++)
        {
            row[c] += sign * source[c];
        }
    }

    /// <summary>The row of a year, or an empty span when the year is outside the rows held.</summary>
    private ReadOnlySpan<int> RowOf(int year) =>
        year < _firstYear || year >= _firstYear + _yearCount ? [] : RowAt(year - _firstYear);

    /// <summary>Vectorised: most rows of a delta's two builders are equal (a change touches one year).</summary>
    private static bool SameRow(ReadOnlySpan<int> mine, ReadOnlySpan<int> theirs) =>
        mine.IsEmpty ? !theirs.ContainsAnyExcept(0)
        : theirs.IsEmpty ? !mine.ContainsAnyExcept(0)
        : mine.SequenceEqual(theirs);

    private static int CountDifferences(ReadOnlySpan<int> mine, ReadOnlySpan<int> theirs)
    {
        var count = 0;
        for (var c = 0; c < Counter.Count; c++)
        {
            count += (mine.IsEmpty ? 0 : mine[c]) != (theirs.IsEmpty ? 0 : theirs[c]) ? 1 : 0;
        }

        return count;
    }

    private Span<int> RowAt(int index) => _counts.AsSpan(index * Counter.Count, Counter.Count);

    private Span<int> Row(int year)
    {
        var bit = year - ChangesBase;
        if ((uint)bit < 64)
        {
            _changedYears |= 1UL << bit;
        }
        else
        {
            _allChanged = true;
        }

        if (_yearCount == 0)
        {
            _firstYear = year;
            _yearCount = 1;
            if (_counts.Length < Counter.Count)
            {
                _counts = new int[Counter.Count * 20];
            }
        }
        else if (year < _firstYear)
        {
            var shift = _firstYear - year;
            Grow(_yearCount + shift, shift);
            _firstYear = year;
        }
        else if (year >= _firstYear + _yearCount)
        {
            Grow(year - _firstYear + 1, 0);
        }

        return RowAt(year - _firstYear);
    }

    /// <summary>Makes room for <paramref name="yearCount"/> rows, moving the present rows down by <paramref name="shift"/>.</summary>
    private void Grow(int yearCount, int shift)
    {
        var needed = yearCount * Counter.Count;
        var target = needed > _counts.Length ? new int[Math.Max(needed, _counts.Length * 2)] : _counts;
        var present = _counts.AsSpan(0, _yearCount * Counter.Count);
        present.CopyTo(target.AsSpan(shift * Counter.Count));
        if (ReferenceEquals(target, _counts))
        {
            target.AsSpan(0, shift * Counter.Count).Clear();
        }

        _counts = target;
        _yearCount = yearCount;
    }
}
