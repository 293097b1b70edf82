namespace DanVanKheo;

/// <summary>
/// A grain that only passes a call on to another of its kind. <c>dvk benchmark hops</c> uses it to measure how many
/// changes per second a cluster can carry when each change is a chain of grain calls and does no work at all: the
/// floor under the roll-up's own pattern (the client's call to a model, then model → hamlet → commune → district …).
/// </summary>
[Alias("dvk.IHopGrain")]
public interface IHopGrain : IGrainWithStringKey
{
    /// <summary>
    /// Calls the next grain of the chain <paramref name="onward"/> more times, each a grain of a population of
    /// <paramref name="population"/> (keys <see cref="Key"/>); returns the number of onward calls made. With
    /// <paramref name="fanIn"/> above 1 the chain climbs a tree as the roll-up does: member i passes the call to member
    /// i / fanIn, so each step goes to fewer, busier grains (1,250,000 → 125,000 → 12,500 … at 10, like models →
    /// hamlets → communes → districts → provinces); otherwise every step goes to a member scattered over the whole
    /// population.
    /// </summary>
    [Alias("Hop")]
    Task<int> Hop(int onward, int population, int fanIn);

    /// <summary>The key of member <paramref name="index"/> of a population.</summary>
    public static string Key(int index) => "hop-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
