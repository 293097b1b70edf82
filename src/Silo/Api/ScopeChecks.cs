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
            within = await grains.GetGrain<IUnitGrain>(code).GetInfo() is null ? null : await units.IsWithinAsync(code, scope);
            _known[code] = within;
        }

        return within;
    }
}
