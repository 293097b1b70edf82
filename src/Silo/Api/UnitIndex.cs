namespace DanVanKheo.Silo.Api;

/// <summary>
/// Search by name without diacritics ("thai hoa" finds "Thái Hoà"). Built by walking the tree from the
/// national root down to communes (hamlets are not indexed: they are reached by drilling down) and
/// rebuilt in the background when older than <see cref="MaxAge"/> or after a unit write.
/// </summary>
public sealed class UnitIndex(IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private Entry[] _entries = [];
    private DateTimeOffset _builtAt = DateTimeOffset.MinValue;
    private Task? _building;
    private volatile bool _stale = true;

    public async Task<SearchHit[]> SearchAsync(string query, int limit)
    {
        var mustWait = _stale;
        var task = Refresh();
        if (mustWait)
        {
            await task;
        }

        var q = Codes.Fold(query);
        if (q.Length == 0)
        {
            return [];
        }

        return [.. _entries
            .Select(e => (e, rank: Rank(e, q)))
            .Where(p => p.rank >= 0)
            .OrderBy(p => p.rank)
            .ThenBy(p => p.e.Level)
            .ThenBy(p => p.e.Name, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new SearchHit(p.e.Code, p.e.Name, p.e.Level.Code(), p.e.ParentName))];
    }

    /// <summary>The next search sees units written since the last build.</summary>
    public void Invalidate() => _stale = true;

    private Task Refresh()
    {
        lock (_lock)
        {
            if (_building is { IsCompleted: false })
            {
                return _building;
            }

            if (!_stale && time.GetUtcNow() - _builtAt < MaxAge)
            {
                return Task.CompletedTask;
            }

            _building = BuildAsync();
            return _building;
        }
    }

    private async Task BuildAsync()
    {
        var started = time.GetUtcNow();
        _stale = false;
        var entries = new List<Entry>();
        var root = await grains.GetGrain<IUnitGrain>(Rules.NationalCode).GetInfo();
        var frontier = new List<(string Code, string Name)> { (Rules.NationalCode, root?.Definition.Name ?? "Việt Nam") };
        while (frontier.Count > 0)
        {
            var next = new List<(string, string)>();
            var results = new List<(string ParentName, ChildSummary[] Children)>();
            await Parallel.ForEachAsync(frontier, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (unit, _) =>
            {
                var children = await grains.GetGrain<IUnitGrain>(unit.Code).GetChildren();
                lock (results)
                {
                    results.Add((unit.Name, children));
                }
            });
            foreach (var (parentName, children) in results)
            {
                foreach (var child in children)
                {
                    entries.Add(new Entry(child.Code, child.Name, child.Level, parentName, Codes.Fold(child.Name)));
                    if (child.Level < Level.Commune)
                    {
                        next.Add((child.Code, child.Name));
                    }
                }
            }

            frontier = next;
        }

        lock (_lock)
        {
            _entries = [.. entries];
            _builtAt = started;
        }
    }

    private static int Rank(Entry e, string q)
    {
        if (e.Code.StartsWith(q, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var at = e.Folded.IndexOf(q, StringComparison.Ordinal);
        return at < 0 ? -1 : at == 0 || e.Folded[at - 1] == ' ' ? 1 : 2;
    }

    private sealed record Entry(string Code, string Name, Level Level, string ParentName, string Folded);
}
