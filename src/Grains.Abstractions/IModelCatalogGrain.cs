namespace DanVanKheo;

/// <summary>
/// Reads model records straight from grain storage, independently of what unit grains believe they hold:
/// the source that <c>dvk reconcile</c> and <c>dvk models export</c> compare against. Needs durable storage;
/// with in-memory storage every call is refused with problem <see cref="Unavailable"/>.
/// </summary>
[Alias("dvk.IModelCatalogGrain")]
public interface IModelCatalogGrain : IGrainWithIntegerKey
{
    public const string Unavailable = "no-catalog";

    /// <summary>Stored models with an id after <paramref name="afterId"/> (storage order), at most <paramref name="limit"/>.</summary>
    [Alias("List")]
    Task<ModelRecord[]> List(string afterId, int limit);
}
