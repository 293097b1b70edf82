using System.Runtime.CompilerServices;

namespace DanVanKheo;

/// <summary>
/// String-keyed grain references without reflection. Orleans 10.4's <c>GetGrain&lt;T&gt;(key)</c> works out the
/// interface's identity from its custom attributes on every call; under load that was about a tenth of the
/// silo's CPU and of the load-test client's. Here it is worked out once per grain factory (a silo or a client),
/// and each reference is built straight from the grain id, exactly as <c>GetGrain&lt;T&gt;</c> builds it. A
/// factory that does not make Orleans grain references (dvk's HTTP one) is simply asked each time.
/// </summary>
public static class GrainReferences
{
    public static T GetGrainFast<T>(this IGrainFactory factory, string key)
        where T : IGrainWithStringKey => Identity<T>.For(factory) is { } identity
            ? (T)factory.GetGrain(GrainId.Create(identity.GrainType, key), identity.InterfaceType)
            : factory.GetGrain<T>(key);

    private sealed record Identity<T>(GrainType GrainType, GrainInterfaceType InterfaceType)
        where T : IGrainWithStringKey
    {
        private static readonly ConditionalWeakTable<IGrainFactory, StrongBox<Identity<T>?>> ByFactory = new();

        public static Identity<T>? For(IGrainFactory factory) =>
            (ByFactory.TryGetValue(factory, out var box) ? box : ByFactory.GetValue(factory, Resolve)).Value;

        private static StrongBox<Identity<T>?> Resolve(IGrainFactory factory) =>
            new(factory.GetGrain<T>("-") is GrainReference sample ? new Identity<T>(sample.GrainId.Type, sample.InterfaceType) : null);
    }
}
