namespace DanVanKheo.Silo.Api;

/// <summary>Reads units through their grains: existence, breadcrumb path and ancestry.</summary>
public sealed class UnitReader(IGrainFactory grains)
{
    private const int MaxDepth = 12;

    public async Task<UnitInfo> RequireAsync(string code)
    {
        code = Rules.NormalizeUnitCode(code);
        return await grains.GetGrain<IUnitGrain>(code).GetInfo() ?? throw DvkException.NotFound("unit", code);
    }

    /// <summary>From the national root down to <paramref name="info"/> itself.</summary>
    public async Task<UnitRef[]> PathAsync(UnitInfo info)
    {
        var path = new List<UnitRef> { Ref(info) };
        var parent = info.Definition.ParentCode;
        while (parent is not null && path.Count < MaxDepth)
        {
            var up = await grains.GetGrain<IUnitGrain>(parent).GetInfo();
            if (up is null)
            {
                break;
            }

            path.Add(Ref(up));
            parent = up.Definition.ParentCode;
        }

        path.Reverse();
        return [.. path];
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public async Task<bool> IsWithinAsync(string code, string ancestor)
    {
        if (ancestor == Rules.NationalCode || code == ancestor)
        {
            return true;
        }

        var current = code;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var info = await grains.GetGrain<IUnitGrain>(current).GetInfo();
            var parent = info?.Definition.ParentCode;
            if (parent is null)
            {
                return false;
            }

            if (parent == ancestor)
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    public async Task<UnitView> ViewAsync(UnitInfo info) => new(
        info.Code,
        info.Definition.Name,
        info.Definition.Level.Code(),
        info.Definition.Type,
        info.Definition.ParentCode,
        info.ChildCount,
        info.OwnModelCount,
        info.MergedInto,
        await PathAsync(info),
        TallyDocument.Of(info),
        TallyViews.ByYear(info.Tally));

    private static UnitRef Ref(UnitInfo info) => new(info.Code, info.Definition.Name, info.Definition.Level.Code());
}
