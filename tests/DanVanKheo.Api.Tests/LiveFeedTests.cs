using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using DanVanKheo.Silo.Live;

namespace DanVanKheo.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class LiveFeedTests(ApiHost host)
{
    [Fact]
    public async Task Snapshot_at_once_then_every_change_and_again_on_reconnect()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        using var client = host.Client();
        await using (var feed = await LiveStream.OpenAsync(client, $"api/units/{t.D}/live"))
        {
            var first = await feed.NextAsync();
            Assert.Equal(t.D, first.GetProperty("unit").GetString());
            Assert.Equal(0, first.GetProperty("tally").GetProperty("total").GetInt32());

            (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).EnsureSuccessStatusCode();
            var changed = await feed.NextMatchingAsync(e => e.GetProperty("tally").GetProperty("total").GetInt32() == 1);
            Assert.Equal(1, changed.GetProperty("tally").GetProperty("byField").GetProperty("economy").GetInt32());
            Assert.Equal(1, changed.GetProperty("byYear").GetProperty("2024").GetInt32());
            Assert.True(changed.GetProperty("version").GetInt64() > 0);
        }

        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).EnsureSuccessStatusCode();
        await Eventually.Get(() => admin.TotalAsync(t.D), n => n == 2);

        // A reconnecting client gets the current state at once, including what it missed.
        await using var again = await LiveStream.OpenAsync(client, $"api/units/{t.D}/live", lastEventId: $"{t.D}:1");
        Assert.Equal(2, (await again.NextAsync()).GetProperty("tally").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Ancestors_share_one_stream_and_one_watch_per_unit_serves_all()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        using var client = host.Client();
        var feed = host.Service<LiveFeed>();
        await using var a = await LiveStream.OpenAsync(client, $"api/units/{t.C1}/live?ancestors=true");
        await using var b = await LiveStream.OpenAsync(client, $"api/units/{t.C1}/live?ancestors=true");
        var units = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            units.Add((await a.NextAsync()).GetProperty("unit").GetString()!);
        }

        Assert.True(units.SetEquals(["VN", t.P, t.D, t.C1]), string.Join(",", units));
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).EnsureSuccessStatusCode();
        await a.NextMatchingAsync(e => e.GetProperty("unit").GetString() == t.P && e.GetProperty("tally").GetProperty("total").GetInt32() == 1);
        await b.NextMatchingAsync(e => e.GetProperty("unit").GetString() == t.C1 && e.GetProperty("tally").GetProperty("total").GetInt32() == 1);
        Assert.True(feed.WatchedUnits >= 4);
    }

    [Fact]
    public async Task Unknown_unit_is_404()
    {
        using var client = host.Client();
        await (await client.GetAsync("api/units/nosuchunit5/live")).AssertProblemAsync(404, "not-found");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("api/units/bad!code/live")).StatusCode);
    }
}

/// <summary>Reads a server-sent event stream with the framework's own parser.</summary>
public sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(60));

    private LiveStream(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _events = SseParser.Create(stream).EnumerateAsync(_stop.Token).GetAsyncEnumerator(_stop.Token);
    }

    public static async Task<LiveStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveStream(response, await response.Content.ReadAsStreamAsync());
    }

    public async Task<JsonElement> NextAsync()
    {
        Assert.True(await _events.MoveNextAsync(), "the stream ended");
        Assert.Equal("tally", _events.Current.EventType);
        return JsonDocument.Parse(_events.Current.Data).RootElement;
    }

    public async Task<JsonElement> NextMatchingAsync(Func<JsonElement, bool> match)
    {
        while (true)
        {
            var next = await NextAsync();
            if (match(next))
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _events.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // the stream was cut on purpose
        }

        _response.Dispose();
        _stop.Dispose();
    }
}
