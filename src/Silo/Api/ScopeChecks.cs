namespace DanVanKheo.Silo.Api;

/// <summary>
/// Whether existing units lie within an editor's scope, remembered per code for one upload: a file names the same
/// parent or survivor on many rows, and each check walks up the tree through the unit grains.
/// </summary>
internal sealed class ScopeChecks(IGrainFactory grains, UnitReader units, string scope)
{
    private readonly Dictionary<string, bool?> _known = new(StringComparer.Ordinal);

    /// <summary>True or false for a unit that exists; null for one that does not (the caller decides what that means).</summary>
    public async Task<bool?> ExistingWithinAsync(string code)
    {
        if (!_known.TryGetValue(code, out var within))
        {
            // The walk starts at the parent: the unit's own info is already here.
            within = await grains.GetGrain<IUnitGrain>(code).GetInfo() is not { } info ? null
                : code == scope || scope == Rules.NationalCode
                  || info.Definition.ParentCode is { } parent && await units.IsWithinAsync(parent, scope);
            _known[code] = within;
        }

        return within;
    }
}
