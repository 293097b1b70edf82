using System.Net;
using System.Net.Http.Json;

namespace DanVanKheo.Durability.Tests;

public sealed class SignInTests
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

    private static Task<HttpResponseMessage> MeAsync(HttpClient client, int port, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/auth/me");
        request.Headers.Add("Cookie", $"dvk.session={cookie}");
        return client.SendAsync(request);
    }
}
