namespace DanVanKheo.Client.Load;

/// <summary>
/// The part of the real hierarchy a load test runs on: the first N provinces of the official list with
/// their districts and communes, and K generated hamlets under each commune. Units are indexed; a unit's
/// parent index is -1 for the national root.
/// </summary>
public sealed class SimulatedCountry
{
    private SimulatedCountry(UnitDefinition[] units, int[] parents, int[] modelUnits, int provinces)
    {
        Units = units;
        Parents = parents;
        ModelUnits = modelUnits;
        Provinces = provinces;
    }

    /// <summary>Parents before children (ordered by level).</summary>
    public UnitDefinition[] Units { get; }

    public int[] Parents { get; }

    /// <summary>Indices of the units that own models: the hamlets, or the communes when no hamlets are generated.</summary>
    public int[] ModelUnits { get; }

    public int Provinces { get; }

    public static SimulatedCountry Build(IReadOnlyList<UnitDefinition> official, int? provinceCount, int hamletsPerCommune)
    {
        var provinces = official.Where(u => u.Level == Level.Province).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        if (provinces.Count == 0)
        {
            throw new DvkException("no-provinces", "the unit list holds no provinces / danh sách không có tỉnh nào");
        }

        if (provinceCount is { } n && (n < 1 || n > provinces.Count))
        {
            throw new DvkException("bad-provinces", $"--provinces must be between 1 and {provinces.Count} (or 'all'), not {n}");
        }

        var chosen = new HashSet<string>(provinces.Take(provinceCount ?? provinces.Count).Select(p => p.Code), StringComparer.Ordinal);
        var children = official.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        var units = new List<UnitDefinition>();
        var frontier = provinces.Where(p => chosen.Contains(p.Code)).ToList();
        while (frontier.Count > 0)
        {
            units.AddRange(frontier);
            frontier = frontier.SelectMany(u => children[u.Code]).ToList();
        }

        var communes = units.Where(u => u.Level == Level.Commune).ToList();
        for (var k = 1; k <= hamletsPerCommune; k++)
        {
            foreach (var commune in communes)
            {
                units.Add(new UnitDefinition($"{commune.Code}-{k:D2}", $"Thôn {k}", Level.Hamlet, "Thôn", commune.Code));
            }
        }

        var ordered = units.OrderBy(u => u.Level).ToArray();
        var index = new Dictionary<string, int>(ordered.Length, StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            index[ordered[i].Code] = i;
        }

        var parents = ordered.Select(u => u.ParentCode is { } p && index.TryGetValue(p, out var pi) ? pi : -1).ToArray();
        var leafLevel = hamletsPerCommune > 0 ? Level.Hamlet : Level.Commune;
        var modelUnits = Enumerable.Range(0, ordered.Length).Where(i => ordered[i].Level == leafLevel).ToArray();
        if (modelUnits.Length == 0)
        {
            throw new DvkException("no-communes", "the chosen provinces hold no communes to put models in");
        }

        return new SimulatedCountry(ordered, parents, modelUnits, chosen.Count);
    }

    /// <summary>The first unit of a level, for the benchmark's sample reads.</summary>
    public UnitDefinition First(Level level) => Units.First(u => u.Level == level);
}
