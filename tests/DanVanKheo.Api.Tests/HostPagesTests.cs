using System.Net;

namespace DanVanKheo.Api.Tests;

/// <summary>What the host serves besides the API: the dashboard, OpenAPI and its UI, the Orleans Dashboard.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostPagesTests(ApiHost host)
{
    [Fact]
    public async Task Dashboard_is_served_locally_with_no_outside_asset()
    {
        using var client = host.Client();
        var page = await client.GetStringAsync("/");
        Assert.Contains("Dân vận khéo", page);
        foreach (var asset in new[] { "app.js", "app.css", "i18n.js", "charts.js" })
        {
            Assert.Contains(asset, page);
            var text = await client.GetStringAsync(asset);
            Assert.DoesNotContain("https://", text);
        }

        Assert.DoesNotContain("https://", page.Replace("https://danvankheo.vn", "", StringComparison.Ordinal));
        Assert.DoesNotContain(".innerHTML =", await client.GetStringAsync("app.js"));
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints_and_scalar_shows_it()
    {
        using var client = host.Client();
        var document = await client.GetJsonAsync("openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in new[] { "/api/units/{code}", "/api/units/{code}/tally", "/api/units/{code}/live", "/api/models", "/api/models/{id}", "/api/models/import", "/api/units/{code}/audit", "/api/auth/login" })
        {
            Assert.Contains(path, paths);
        }

        var scalar = await client.GetAsync("scalar/");
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Orleans_dashboard_is_mounted_for_admins_only()
    {
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("dashboard/orleans/")).StatusCode);
        using var editor = host.Client(await host.AccountAsync("ops" + Guid.NewGuid().ToString("N")[..8], "editor", "VN"));
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("dashboard/orleans/")).StatusCode);

        using var client = host.Admin();
        var response = await client.GetAsync("dashboard/orleans/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("health")).StatusCode);
    }
}
