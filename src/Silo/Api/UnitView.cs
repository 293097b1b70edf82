namespace DanVanKheo.Silo.Api;

/// <summary>A unit with its place in the tree and its live tally (<see cref="TallyDocument"/> shape).</summary>
public sealed record UnitView(
    string Code,
    string Name,
    string Level,
    string Type,
    string? Parent,
    int ChildCount,
    int OwnModelCount,
    string? MergedInto,
    UnitRef[] Path,
    TallyDocument Tally,
    Dictionary<string, int> ByYear);

/// <summary>A unit named in a breadcrumb or a search result.</summary>
public sealed record UnitRef(string Code, string Name, string Level);

public sealed record ChildView(string Code, string Name, string Level, int Total, Dictionary<string, int> ByField, int Effective, int Exemplars);

public sealed record SearchHit(string Code, string Name, string Level, string? ParentName);

/// <summary>Body of <c>PUT /api/units/{code}</c>.</summary>
public sealed record UnitBody(string? Name, string? Level, string? Type, string? Parent);

/// <summary>Body of <c>POST /api/units/{code}/merge</c>: the unit that receives the merged one's children and models.</summary>
public sealed record MergeBody(string? Into);

public static class TallyViews
{
    /// <summary>Active models per registration year, for the chart by year.</summary>
    public static Dictionary<string, int> ByYear(Tally tally) =>
        tally.Years.ToDictionary(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture), y => tally.Summarize(y, y).Total);

    public static ChildView Child(ChildSummary child)
    {
        var s = child.Tally.Summarize();
        return new ChildView(
            child.Code,
            child.Name,
            child.Level.Code(),
            s.Total,
            Enum.GetValues<Field>().ToDictionary(f => f.Code(), s.ByField),
            s.Effective,
            s.Exemplars);
    }
}
