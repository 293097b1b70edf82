using System.Runtime.CompilerServices;

namespace DanVanKheo;

/// <summary>
/// String-keyed grain references without reflection. Orleans 10.4's <c>GetGrain&lt;T&gt;(key)</c> works out the
/// interface's identity from its custom attributes on every call; under load that was about a tenth of the
/// silo's CPU and of the load-test client's. Here it is worked out once per grain factory (a silo or a client),
/// and each reference is built straight from the grain id, exactly as <c>GetGrain&lt;T&gt;</c> builds it.
/// </summary>
public static class GrainReferences
{
    public static T GetGrainFast<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey => Identity<T>.For(factory).Create(factory, key);

    private sealed class Identity<T>(GrainType grainType, GrainInterfaceType interfaceType)
        where T : IGrainWithStringKey
    {
        private static readonly ConditionalWeakTable<IGrainFactory, Identity<T>> ByFactory = new();

        public static Identity<T> For(IGrainFactory factory) =>
            ByFactory.TryGetValue(factory, out var identity) ? identity : ByFactory.GetValue(factory, Resolve);

        public T Create(IGrainFactory factory, string key) =>
            (T)factory.GetGrain(GrainId.Create(grainType, key), interfaceType);

        private static Identity<T> Resolve(IGrainFactory factory)
        {
            var sample = (GrainReference)(object)factory.GetGrain<T>("-");
            return new Identity<T>(sample.GrainId.Type, sample.InterfaceType);
        }
    }
}
