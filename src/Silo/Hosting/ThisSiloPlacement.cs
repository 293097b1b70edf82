using System.Diagnostics.CodeAnalysis;
using DanVanKheo.Grains;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// Where a model grain lives when its silo is alone in its cluster (Memory and LocalMemory storage): on this silo, with
/// no entry in the grain directory.
/// </summary>
/// <remarks>
/// The directory keeps one activation per grain across silos. A silo alone already has that from its catalog, which
/// creates an activation only when it holds none for the grain id (under its lock). So the entry each new activation
/// added to the silo's directory partition only cost time and memory: a registration call, an address, a task and a
/// record per model, kept in one dictionary of every activation behind one lock. A new model is a quarter of the load
/// test's updates and a million of them its initial load. Messages are addressed by <see cref="LocalSiloDirectoryCache"/>
/// as before; this placement's director answers only when that cache is turned off.
/// </remarks>
[GenerateSerializer, Immutable, Alias("dvk.ThisSiloPlacement")]
public sealed class ThisSiloPlacement : PlacementStrategy
{
    public static readonly ThisSiloPlacement Instance = new();

    public override bool IsUsingGrainDirectory => false;
}

/// <summary>Places every activation of <see cref="ThisSiloPlacement"/> on the silo that asks.</summary>
internal sealed class ThisSiloPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(context.LocalSilo);
}

/// <summary>Gives <see cref="ModelGrain"/> the <see cref="ThisSiloPlacement"/>; every other grain keeps its own.</summary>
internal sealed class ModelsOnThisSilo : IPlacementStrategyResolver
{
    public bool TryResolvePlacementStrategy(GrainType grainType, GrainProperties? properties, [MaybeNullWhen(false)] out PlacementStrategy result)
    {
        var isModel = properties?.Properties.TryGetValue(WellKnownGrainTypeProperties.FullTypeName, out var name) == true
            && name == typeof(ModelGrain).FullName;
        result = isModel ? ThisSiloPlacement.Instance : null;
        return isModel;
    }
}

public static class ThisSiloPlacementExtensions
{
    /// <summary>Model grains are placed on this silo without a directory entry: only for a silo alone in its cluster.</summary>
    public static ISiloBuilder UseThisSiloPlacementForModels(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<ThisSiloPlacement, ThisSiloPlacementDirector>();
        silo.Services.AddSingleton<IPlacementStrategyResolver, ModelsOnThisSilo>();
        return silo;
    }
}
