using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using DanVanKheo.Silo.Api;

namespace DanVanKheo.Silo.Live;

/// <summary>
/// <c>GET /api/units/{code}/live</c>: server-sent events of type <c>tally</c>, each a whole snapshot. The
/// current state comes first on every (re)connection, so a missed event is never permanent;
/// <c>?ancestors=true</c> adds the units of the breadcrumb to the same stream.
/// </summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/units/{code}/live", LiveAsync)
            .WithTags("live")
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Server-sent events: the unit's tally now and after every change")
            .Produces<LiveEvent>(StatusCodes.Status200OK, "text/event-stream");
    }

    private static async Task<IResult> LiveAsync(string code, bool? ancestors, UnitReader units, LiveFeed feed, CancellationToken cancellationToken)
    {
        var info = await units.RequireAsync(code);
        List<string> codes = ancestors == true ? [.. (await units.PathAsync(info)).Select(p => p.Code)] : [info.Code];
        var subscriber = await feed.JoinAsync(codes, cancellationToken) ?? throw DvkException.NotFound("unit", info.Code);
        return TypedResults.ServerSentEvents(StreamAsync(subscriber, codes, feed, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<LiveEvent>> StreamAsync(
        LiveSubscriber subscriber, List<string> codes, LiveFeed feed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in subscriber.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<LiveEvent>(update, "tally")
                {
                    EventId = $"{update.Unit}:{update.Version}",
                    ReconnectionInterval = TimeSpan.FromSeconds(1),
                };
            }
        }
        finally
        {
            await feed.LeaveAsync(subscriber, codes);
        }
    }
}
