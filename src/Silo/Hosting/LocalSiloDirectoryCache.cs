using System.Diagnostics.CodeAnalysis;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// The grain directory cache of a silo that is alone in its cluster (Memory and LocalMemory storage): every grain lives on
/// this silo, so the answer to "where does this grain live?" is this silo, whatever the grain. It keeps nothing.
/// </summary>
/// <remarks>
/// Without a cache Orleans addresses each message from the silo's directory partition: one dictionary of every activation
/// (1.4 million at whole-country scale) behind one lock, taken by every grain call, every pushed report and every new
/// activation. That lock was the most contended of the silo, about a tenth of its CPU samples spinning in it. And the first
/// message to a grain not yet active went through a placement worker (a queue, a retry and timeout pipeline, a second
/// directory lookup) only to pick this silo. Answering from here skips both. Units and the other grains still register in
/// the directory partition; models do not register at all (<see cref="ThisSiloPlacement"/>).
/// </remarks>
public sealed class LocalSiloDirectoryCache(ILocalSiloDetails silo) : IGrainDirectoryCache
{
    private readonly SiloAddress _silo = silo.SiloAddress;

    /// <summary>Nothing is kept, so there is nothing for a membership change to invalidate.</summary>
    public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues => [];

    public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version)
    {
        // The activation id stays unknown: within one silo a message finds its activation by grain id.
        result = new GrainAddress { GrainId = key, SiloAddress = _silo };
        version = 0;
        return true;
    }

    public void AddOrUpdate(GrainAddress value, int version)
    {
    }

    public bool Remove(GrainId key) => false;

    public bool Remove(GrainAddress key) => false;

    public void Clear()
    {
    }
}

/// <summary>Sets up <see cref="LocalSiloDirectoryCache"/> for a silo that is alone in its cluster.</summary>
public static class LocalSiloDirectoryCacheExtensions
{
    /// <summary>
    /// Registers the cache as Orleans' custom directory cache. Configuration read later (the silo's
    /// <see cref="SiloHostingExtensions.DirectoryCacheSection"/>) can still choose another caching strategy.
    /// </summary>
    public static ISiloBuilder UseLocalSiloDirectoryCache(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainDirectoryCache, LocalSiloDirectoryCache>();
        silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.Custom);
        return silo;
    }
}
