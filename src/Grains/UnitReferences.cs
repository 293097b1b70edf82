using System.Collections.Concurrent;

namespace DanVanKheo.Grains;

/// <summary>
/// Grain references to units, made once per unit code and shared by every model of the silo. A model reports to its
/// unit on every change, and making the reference each time encoded the code, allocated its bytes and a proxy, and
/// hashed them; there are a hundred thousand units against a million models, so one reference per unit is cheap where
/// one per model would not be. References carry no caller: any activation may use one.
/// </summary>
public sealed class UnitReferences(IGrainFactory grains)
{
    /// <summary>About twice the country's units; codes beyond it (unknown units asked for once) are not kept.</summary>
    private const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, IUnitGrain> _byCode = new(StringComparer.Ordinal);
    private int _count;

    public IUnitGrain For(string code)
    {
        if (_byCode.TryGetValue(code, out var unit))
        {
            return unit;
        }

        unit = grains.GetGrainFast<IUnitGrain>(code);
        if (Volatile.Read(ref _count) < Capacity && _byCode.TryAdd(code, unit))
        {
            Interlocked.Increment(ref _count);
        }

        return unit;
    }
}
