using System.Net;
using DanVanKheo.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace DanVanKheo.Client;

/// <summary>An Orleans client connected to the gateways given on the command line.</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    public const string DefaultGateway = "127.0.0.1:30000";

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static Task<ClusterConnection> ConnectAsync(IReadOnlyList<string> gateways, string clusterId, string serviceId, CancellationToken cancellationToken) =>
        ConnectAsync(gateways, null, clusterId, serviceId, cancellationToken);

    /// <summary>How long dvk waits for a gateway before it says none answers.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// With <paramref name="postgres"/> the gateways come from the cluster's membership table (every live silo),
    /// otherwise from <paramref name="gateways"/> (default <see cref="DefaultGateway"/>).
    /// </summary>
    public static async Task<ClusterConnection> ConnectAsync(IReadOnlyList<string> gateways, string? postgres, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        var host = BuildHost(gateways, postgres, clusterId, serviceId);

        // Left alone, the Orleans client keeps trying an absent gateway for about three minutes before it gives up.
        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(connecting.Token);
        }
        catch (Exception exception)
        {
            host.Dispose();
            var where = string.IsNullOrWhiteSpace(postgres)
                ? $"the silo at {string.Join(", ", (gateways.Count == 0 ? [DefaultGateway] : gateways))}"
                : "any silo listed in the PostgreSQL membership table";
            var why = connecting.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                ? $"no answer within {ConnectTimeout.TotalSeconds:0} s (is a silo running there?)"
                : exception.Message;
            throw new DvkException("no-cluster", $"cannot reach {where}: {why} / không kết nối được silo");
        }

        return new ClusterConnection(host);
    }

    /// <summary>
    /// The client's host, not yet started: settings from <c>DVK_</c>-prefixed environment variables and <paramref name="settings"/>.
    /// Orleans itself reads its client options from them, e.g. <c>DVK_Orleans__Messaging__ResponseTimeout=00:05:00</c>.
    /// </summary>
    internal static IHost BuildHost(
        IReadOnlyList<string> gateways, string? postgres, string clusterId, string serviceId, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var usePostgres = !string.IsNullOrWhiteSpace(postgres);
        if (usePostgres && gateways.Count > 0)
        {
            throw new DvkException("bad-options", "give either --gateway or --postgres, not both");
        }

        var endpoints = usePostgres ? [] : (gateways.Count == 0 ? [DefaultGateway] : gateways).Select(ParseEndpoint).ToArray();

        // No defaults: an appsettings.json in the working directory (a silo's, say) must not change the client.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Only variables meant for dvk (DVK_Telemetry__Tracing=false, …): a silo's Orleans__* settings in the same shell must not leak in.
        builder.Configuration.AddEnvironmentVariables("DVK_");

        // …and the standard OpenTelemetry ones under their own names (OTEL_EXPORTER_OTLP_ENDPOINT turns on OTLP export).
        builder.Configuration.AddInMemoryCollection(
            Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Where(e => e.Key is string key && key.StartsWith("OTEL_", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create((string)e.Key, (string?)e.Value?.ToString())));
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Error);

        // A failed start is reported once, as a DvkException line; the host's own stack trace would repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.AddDanVanKheoTelemetry("dvk");
        builder.UseOrleansClient(client =>
        {
            if (usePostgres)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = postgres;
                });
            }
            else
            {
                client.UseStaticClustering(endpoints);
            }

            if (builder.Configuration.IsTracingEnabled())
            {
                client.AddActivityPropagation();
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));

            // Orleans' client does not read this section itself, e.g. DVK_Orleans__Connection__ConnectionsPerEndpoint=2:
            // more sockets per gateway for a busy dvk, measured in docs/performance.md (sixteenth look).
            client.Configure<ConnectionOptions>(builder.Configuration.GetSection("Orleans:Connection"));
        });
        return builder.Build();
    }


    public static IPEndPoint ParseEndpoint(string text)
    {
        var index = text.LastIndexOf(':');
        if (index <= 0 || !int.TryParse(text[(index + 1)..], out var port) || port is <= 0 or > 65535)
        {
            throw new DvkException("bad-gateway", $"gateway '{text}' is not host:port");
        }

        var host = text[..index];
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : Dns.GetHostAddresses(host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        return new IPEndPoint(address, port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
