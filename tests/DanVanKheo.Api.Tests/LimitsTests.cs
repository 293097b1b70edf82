using System.Net.Http.Json;

namespace DanVanKheo.Api.Tests;

/// <summary>A second host with a tiny request budget, so that the rate limiter can be reached quickly.</summary>
public sealed class LimitedHost : ApiHost
{
    protected override Dictionary<string, string?> Settings =>
        DefaultSettingsWith(("Limits:RequestsPerWindow", "40"), ("Limits:Window", "00:01:00"), ("Auth:AnonymousReads", "false"));
}

public sealed class LimitsTests(LimitedHost host) : IClassFixture<LimitedHost>
{
    [Fact]
    public async Task Each_client_has_its_own_rate_limit_answered_with_429()
    {
        using var first = host.Client(await host.AccountAsync("rate-one", "viewer", "VN"));
        using var second = host.Client(await host.AccountAsync("rate-two", "viewer", "VN"));
        var statuses = new List<int>();
        for (var i = 0; i < 45; i++)
        {
            statuses.Add((int)(await first.GetAsync("api/units/VN/tally")).StatusCode);
        }

        Assert.Equal(40, statuses.Count(s => s == 200));
        var limited = await first.GetAsync("api/units/VN/tally");
        var problem = await limited.AssertProblemAsync(429, "rate-limited");
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Contains("40", problem.GetProperty("detail").GetString());
        Assert.Equal(200, (int)(await second.GetAsync("api/units/VN/tally")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_reads_can_be_switched_off()
    {
        using var anonymous = host.Client();
        await (await anonymous.GetAsync("api/units/VN/tally")).AssertProblemAsync(401, "unauthenticated");
        await (await anonymous.GetAsync("api/units/VN/live")).AssertProblemAsync(401, "unauthenticated");
        using var viewer = host.Client(await host.AccountAsync("reader", "viewer", "VN"));
        Assert.Equal(0, (await viewer.GetJsonAsync("api/units/VN/tally")).GetProperty("total").GetInt32());
        Assert.Equal("VN", (await viewer.GetFromJsonAsync<System.Text.Json.JsonElement>("api/units/VN")).GetProperty("code").GetString());
    }
}
