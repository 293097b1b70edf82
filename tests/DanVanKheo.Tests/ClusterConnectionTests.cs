using System.Diagnostics;
using DanVanKheo.Client;

namespace DanVanKheo.Tests;

public sealed class ClusterConnectionTests
{
    [Fact]
    public async Task A_gateway_where_no_silo_listens_is_reported_after_the_connect_timeout_not_minutes_later()
    {
        var clock = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<DvkException>(() =>
            ClusterConnection.ConnectAsync(["127.0.0.1:1"], null, "dvk", "danvankheo", CancellationToken.None));

        Assert.Equal("no-cluster", refused.Problem);
        Assert.Contains("127.0.0.1:1", refused.Message);

        // Generous: the Orleans client alone keeps trying for about three minutes.
        Assert.True(clock.Elapsed < ClusterConnection.ConnectTimeout * 4, $"took {clock.Elapsed}");
    }
}
