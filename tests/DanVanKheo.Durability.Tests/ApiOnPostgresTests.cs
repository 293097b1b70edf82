using System.Net;
using System.Net.Http.Json;

namespace DanVanKheo.Durability.Tests;

/// <summary>The web API on real silos over PostgreSQL: what must hold across silos and restarts.</summary>
public sealed class ApiOnPostgresTests
{
    [PostgresFact]
    public async Task A_sign_in_cookie_from_one_silo_is_accepted_by_another_and_after_a_restart()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies });

        var login = await browser.PostAsJsonAsync($"http://127.0.0.1:{cluster.Silos[0].HttpPort}/api/auth/login", new { userName = "admin", password = SiloProcess.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = cookies.GetAllCookies().Single(c => c.Name == "dvk.session");

        // The same cookie, sent to the other silo (as a load balancer would), signs the user in there.
        using var other = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other, cluster.Silos[1].HttpPort, session.Value)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(other, cluster.Silos[1].HttpPort, "forged" + session.Value)).StatusCode);

        await cluster.Silos[0].KillAsync();
        await cluster.Silos[0].StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other, cluster.Silos[0].HttpPort, session.Value)).StatusCode);
    }

    [PostgresFact]
    public async Task The_audit_log_is_a_table_read_from_any_silo_and_kept_across_a_full_restart()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 2);
        using var admin = await AdminAsync(cluster.Silos[0].HttpPort);
        var code = "au" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PutAsJsonAsync($"/api/units/{code}", new { name = "Tỉnh Đông Hà", level = "province", type = "Tỉnh", parent = (string?)null })).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            var model = new { id = $"{code}-m{i}", unit = code, title = $"Mô hình \"Dân vận khéo\" số {i}", field = "economy", kind = "collective", sponsor = "Hội Nông dân", year = 2024, levels = new[] { "commune" } };
            (await admin.PostAsJsonAsync("/api/models", model)).EnsureSuccessStatusCode();
        }

        var before = await AuditAsync(cluster.Silos[1].HttpPort, code);
        Assert.Equal(4, before.GetProperty("total").GetInt32());
        Assert.Equal(4, await cluster.Database.ScalarAsync<int>($"SELECT count(*) FROM dvk_audit WHERE unit = '{code}'"));
        var newest = before.GetProperty("items")[0];
        Assert.Equal($"{code}-m2", newest.GetProperty("model").GetString());
        Assert.Contains("Mô hình \\\"Dân vận khéo\\\" số 2", newest.GetProperty("after").GetString(), StringComparison.Ordinal);

        foreach (var silo in cluster.Silos)
        {
            await silo.StopAsync();
        }

        foreach (var silo in cluster.Silos)
        {
            await silo.StartAsync();
        }

        var after = await AuditAsync(cluster.Silos[0].HttpPort, code);
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    private static async Task<HttpClient> AdminAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var token = await client.PostAsJsonAsync("/api/auth/tokens", new { userName = "admin", password = SiloProcess.AdminPassword });
        token.EnsureSuccessStatusCode();
        var body = await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body.GetProperty("token").GetString());
        return client;
    }

    private static async Task<System.Text.Json.JsonElement> AuditAsync(int port, string code)
    {
        using var client = await AdminAsync(port);
        return await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/units/{code}/audit?limit=10");
    }

    private static Task<HttpResponseMessage> MeAsync(HttpClient client, int port, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/auth/me");
        request.Headers.Add("Cookie", $"dvk.session={cookie}");
        return client.SendAsync(request);
    }
}
