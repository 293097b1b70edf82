using System.Globalization;
using Orleans.Concurrency;

namespace DanVanKheo.Grains;

/// <summary>
/// See <see cref="IHopGrain"/>. No state and no work, so that a measured chain costs only what Orleans charges per call
/// and per activation. Reentrant like the unit grains: two chains may cross the same grain, and neither waits.
/// </summary>
[Reentrant]
public sealed class HopGrain : Grain, IHopGrain
{
    private int? _index;

    public async Task<int> Hop(int onward, int population, int fanIn)
    {
        if (onward <= 0 || population < 2)
        {
            return 0;
        }

        var index = _index ??= Index(this.GetPrimaryKeyString());

        // Up the tree, or a fixed scatter over the population (a chain's grains as far apart as they can be).
        var next = fanIn > 1 ? index / fanIn : (int)(((long)index * 48_271 + 11) % population);
        if (next == index)
        {
            next = (next + 1) % population;
        }

        return 1 + await GrainFactory.GetGrainFast<IHopGrain>(IHopGrain.Key(next)).Hop(onward - 1, population, fanIn);
    }

    private static int Index(string key) =>
        key.StartsWith("hop-", StringComparison.Ordinal) && int.TryParse(key.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new DvkException("bad-hop-key", $"'{key}' is not a hop grain key (hop-<number>)");
}
