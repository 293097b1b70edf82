using Orleans.Runtime;

namespace DanVanKheo.Client.Http;

/// <summary>
/// What <c>dvk</c> commands get instead of a cluster client when given <c>--api</c>: models and unit
/// definitions through the HTTP API (with its sign-in and scope rules); anything else is refused with a
/// message pointing to <c>--gateway</c>.
/// </summary>
public sealed class HttpGrainFactory(ApiClient api) : IGrainFactory
{
    /// <summary>The factory for <c>--api URL [--token T]</c> (token default: <c>DVK_TOKEN</c>); null without <c>--api</c>.</summary>
    public static HttpGrainFactory? FromOptions(System.CommandLine.ParseResult parse) =>
        parse.GetValue(GlobalOptions.Api) is { } address
            ? new HttpGrainFactory(new ApiClient(ParseAddress(address), parse.GetValue(GlobalOptions.Token) ?? Environment.GetEnvironmentVariable("DVK_TOKEN")))
            : null;

    private static Uri ParseAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new DvkException("bad-api-url", $"--api '{text}' is not an http(s) address such as http://127.0.0.1:8080");

    public ApiClient Api => api;

    public static DvkException NotOverApi() =>
        new("not-over-api", "this command talks to the grains directly: use --gateway instead of --api / lệnh này cần --gateway");

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        if (typeof(TGrainInterface) == typeof(IModelGrain))
        {
            return (TGrainInterface)(object)new HttpModelGrain(api, primaryKey);
        }

        if (typeof(TGrainInterface) == typeof(IUnitGrain))
        {
            return (TGrainInterface)(object)new HttpUnitGrain(api, primaryKey);
        }

        throw NotOverApi();
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw NotOverApi();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey => throw NotOverApi();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw NotOverApi();

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw NotOverApi();

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw NotOverApi();

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw NotOverApi();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw NotOverApi();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw NotOverApi();

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw NotOverApi();

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw NotOverApi();

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw NotOverApi();

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw NotOverApi();

    public IAddressable GetGrain(GrainId grainId) => throw NotOverApi();

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw NotOverApi();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => throw NotOverApi();

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw NotOverApi();
}
