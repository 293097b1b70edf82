using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DanVanKheo.Api.Tests;

/// <summary>
/// The real silo host (<see cref="Program"/>): Orleans silo, REST API and dashboard on Kestrel at a free
/// port, in-memory storage, no demo data. Tests keep apart by creating units under codes of their own.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-tests";
    private static int _nextSlot;
    private readonly WebApplicationFactory<Program> _factory = new();
    private WebApplicationFactory<Program>? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    /// <summary>Configuration that differs from the defaults; subclasses tighten the limits.</summary>
    protected virtual Dictionary<string, string?> Settings => Defaults();

    private static Dictionary<string, string?> Defaults() => new()
    {
        ["Demo:Load"] = "false",
        ["Rollup:FlushInterval"] = "00:00:00.020",
        ["Auth:AdminPassword"] = AdminPassword,
        ["Limits:RequestsPerWindow"] = "100000",
        ["Limits:MaxBodyBytes"] = "1048576",
        ["Limits:MaxCsvRows"] = "2000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>This host's settings with some replaced, for a subclass's <see cref="Settings"/>.</summary>
    protected static Dictionary<string, string?> DefaultSettingsWith(params (string Key, string? Value)[] overrides)
    {
        var settings = Defaults();
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        // Ports from this project's range: silo 13000-13099, gateway 23000-23099 (below the Linux ephemeral range, where an outgoing connection could hold the port), HTTP 9200-9299.
        var slot = Interlocked.Increment(ref _nextSlot) * 7 % 90;
        var http = FreePort(9200 + slot, 9299);
        var settings = Settings;
        settings["Orleans:SiloPort"] = (13000 + slot).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Orleans:GatewayPort"] = (23000 + slot).ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Orleans:ClusterId"] = "api-tests-" + slot;
        _app = _factory.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Urls", $"http://127.0.0.1:{http}");
        });
        _app.UseKestrel(http);
        _app.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{http}/");
        using var anonymous = Client();
        AdminToken = await Eventually.Get(
            async () =>
            {
                var response = await anonymous.PostAsJsonAsync("api/auth/tokens", new { userName = "admin", password = AdminPassword });
                return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<TokenReply>())!.Token : "";
            },
            token => token.Length > 0,
            TimeSpan.FromSeconds(60));
        Assert.NotEmpty(AdminToken);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _factory.DisposeAsync();
    }

    public T Service<T>()
        where T : notnull => (T)_app!.Services.GetService(typeof(T))!;

    /// <summary>A client with its own cookies; with a token when given.</summary>
    public HttpClient Client(string? token = null) =>
        Client(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }, token);

    private HttpClient Client(HttpMessageHandler handler, string? token)
    {
        var client = new HttpClient(handler)
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient Admin() => Client(AdminToken);

    /// <summary>
    /// An admin client that sends <c>Expect: 100-continue</c> and waits for the server's answer before the body, as curl
    /// does for large uploads: the server refuses an oversize body before reading it and closes the connection, so a
    /// client still writing the body could meet a broken pipe instead of the 413.
    /// </summary>
    public HttpClient AdminExpectingContinue()
    {
        var client = Client(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }, AdminToken);
        client.DefaultRequestHeaders.ExpectContinue = true;
        return client;
    }

    /// <summary>Creates an account and returns a bearer token for it.</summary>
    public async Task<string> AccountAsync(string userName, string role, string scope)
    {
        using var admin = Admin();
        var password = "pw-" + userName + "-123";
        var created = await admin.PostAsJsonAsync("api/accounts", new { userName, role, scope, password, displayName = userName });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var anonymous = Client();
        var response = await anonymous.PostAsJsonAsync("api/auth/tokens", new { userName, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenReply>())!.Token;
    }

    private static int FreePort(int from, int to)
    {
        for (var port = from; port <= to; port++)
        {
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken: try the next one
            }
        }

        throw new InvalidOperationException($"no free port in {from}-{to}");
    }

    private sealed record TokenReply(string Token);
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "api";
}
