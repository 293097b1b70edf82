namespace DanVanKheo.Client.Reconcile;

/// <summary>A unit subtree as the unit grains hold it: each unit's info (with its live tally) and its children.</summary>
public sealed class UnitTree
{
    private UnitTree(string root, Dictionary<string, UnitInfo> units, Dictionary<string, string[]> children)
    {
        Root = root;
        Units = units;
        Children = children;
    }

    public string Root { get; }

    public IReadOnlyDictionary<string, UnitInfo> Units { get; }

    public IReadOnlyDictionary<string, string[]> Children { get; }

    /// <summary>Codes ordered so that every unit comes after all of its descendants.</summary>
    public IEnumerable<string> BottomUp()
    {
        var order = new List<string>(Units.Count);
        var level = new List<string> { Root };
        while (level.Count > 0)
        {
            order.AddRange(level);
            level = [.. level.SelectMany(c => Children[c])];
        }

        order.Reverse();
        return order;
    }

    public static async Task<UnitTree> LoadAsync(IGrainFactory grains, string root, int concurrency, CancellationToken cancellationToken)
    {
        var units = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        var children = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var level = new List<string> { root };
        while (level.Count > 0)
        {
            var loaded = new (string Code, UnitInfo? Info, ChildSummary[] Children)[level.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, level.Count),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (i, _) =>
                {
                    var grain = grains.GetGrain<IUnitGrain>(level[i]);
                    var info = await Import.Retry.RunAsync(grain.GetInfo, cancellationToken: cancellationToken);
                    var kids = info is null ? [] : await Import.Retry.RunAsync(grain.GetChildren, cancellationToken: cancellationToken);
                    loaded[i] = (level[i], info, kids);
                });
            var next = new List<string>();
            foreach (var (code, info, kids) in loaded)
            {
                if (info is null)
                {
                    throw DvkException.NotFound("unit", code);
                }

                units[code] = info;
                children[code] = [.. kids.Select(k => k.Code)];
                next.AddRange(children[code].Where(c => !units.ContainsKey(c)));
            }

            level = next;
        }

        return new UnitTree(root, units, children);
    }
}
