using DanVanKheo.Client;
using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DanVanKheo.Tests;

/// <summary>
/// Orleans' messaging options (the response timeout above all: a long merge on a slow database) can be set in the silo's
/// configuration and in dvk's <c>DVK_</c> settings, under <c>Orleans:Messaging</c>, which Orleans reads itself: these tests
/// keep the silo's and dvk's configuration plumbing from losing it. Unset, Orleans' defaults stay. dvk also binds
/// <c>Orleans:Connection</c> (sockets per gateway), which Orleans' client does not read by itself.
/// </summary>
public sealed class MessagingSettingTests
{
    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:05:00", 300)]
    public async Task The_silo_takes_its_response_timeout_from_configuration(string? timeout, int expectedSeconds)
    {
        var builder = SiloSettings.Builder("LocalMemory", ("Orleans:Messaging:ResponseTimeout", timeout));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), app.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Theory]
    [InlineData(null, 30)]
    [InlineData("00:05:00", 300)]
    public void Dvk_takes_its_response_timeout_from_its_settings(string? timeout, int expectedSeconds)
    {
        KeyValuePair<string, string?>[] settings = timeout is null ? [] : [new("Orleans:Messaging:ResponseTimeout", timeout)];
        using var host = ClusterConnection.BuildHost(["127.0.0.1:1"], null, "dvk", "danvankheo", settings);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("2", 2)]
    public void Dvk_takes_its_connections_per_gateway_from_its_settings(string? connections, int expected)
    {
        KeyValuePair<string, string?>[] settings = connections is null ? [] : [new("Orleans:Connection:ConnectionsPerEndpoint", connections)];
        using var host = ClusterConnection.BuildHost(["127.0.0.1:1"], null, "dvk", "danvankheo", settings);

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<ConnectionOptions>>().Value.ConnectionsPerEndpoint);
    }
}
