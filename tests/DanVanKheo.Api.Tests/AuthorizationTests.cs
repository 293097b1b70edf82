using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace DanVanKheo.Api.Tests;

/// <summary>Each role × inside / outside its scope × read / write; nothing outside the scope changes.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationTests(ApiHost host)
{
    public static TheoryData<string, bool> Matrix => new()
    {
        { "viewer", true }, { "viewer", false },
        { "editor", true }, { "editor", false },
        { "admin", true }, { "admin", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Role_and_scope_decide_writes(string role, bool inside)
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var existing = $"{(inside ? t.C1 : t.QC)}-seed";
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(inside ? t.C1 : t.QC, id: existing))).EnsureSuccessStatusCode();
        var token = await host.AccountAsync($"{role}-{t.P}", role, t.P);
        using var client = host.Client(token);
        var target = inside ? t.C1 : t.QC;
        var before = await SnapshotAsync(admin, t);

        // Reads are allowed to every role, anywhere.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/units/{target}/tally")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/models/{existing}")).StatusCode);

        var writes = new Func<Task<HttpResponseMessage>>[]
        {
            () => client.PostAsJsonAsync("api/models", TestUnits.Model(target)),
            () => client.PutAsJsonAsync($"api/models/{target}-put", TestUnits.Model(target)),
            () => client.PatchAsJsonAsync($"api/models/{existing}", new { title = "Đổi" }),
            () => client.PostAsJsonAsync($"api/models/{existing}/evaluate", new { year = 2024, effective = true }),
            () => client.PostAsJsonAsync($"api/models/{existing}/commend", new { level = "commune" }),
            () => client.PostAsync($"api/models/{existing}/discontinue", null),
            () => client.PutAsJsonAsync($"api/units/{target}h", new { name = "Thôn", level = "hamlet", parent = target }),
            () => client.PostAsync("api/models/import", new StringContent(
                "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n" + $"{target}-imp,{target},T,economy,collective,,2020,commune,,none,active\n",
                Encoding.UTF8,
                "text/csv")),
        };
        var mayWrite = role != "viewer" && inside;
        foreach (var write in writes)
        {
            var response = await write();
            if (mayWrite)
            {
                Assert.True(response.IsSuccessStatusCode, $"{role} inside: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else if (response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/import", StringComparison.Ordinal) && role != "viewer")
            {
                // An import refuses the rows outside the scope, line by line.
                var problem = await response.AssertProblemAsync(422, "rows-rejected");
                Assert.Equal(0, problem.GetProperty("stored").GetInt32());
            }
            else
            {
                var problem = await response.AssertProblemAsync(403);
                Assert.Equal(role == "viewer" ? "read-only" : "outside-scope", problem.GetProperty("problem").GetString());
            }
        }

        var after = await SnapshotAsync(admin, t);
        Assert.Equal(before.Outside, after.Outside);
        if (!mayWrite)
        {
            Assert.Equal(before.Inside, after.Inside);
        }
    }

    [Fact]
    public async Task Editor_cannot_move_a_model_out_of_its_scope()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, id: $"{t.C1}-mv"))).EnsureSuccessStatusCode();
        using var editor = host.Client(await host.AccountAsync($"mover-{t.P}", "editor", t.P));
        await (await editor.PatchAsJsonAsync($"api/models/{t.C1}-mv", new { unit = t.QC })).AssertProblemAsync(403, "outside-scope");
        Assert.Equal(t.C1, (await admin.GetJsonAsync($"api/models/{t.C1}-mv")).GetProperty("unit").GetString());
        await (await editor.PutAsJsonAsync($"api/units/{t.D}", new { name = "Moved", level = "district", parent = t.Q })).AssertProblemAsync(403, "outside-scope");
        Assert.Equal(t.P, (await admin.GetJsonAsync($"api/units/{t.D}")).GetProperty("parent").GetString());
    }

    [Fact]
    public async Task Anonymous_reads_but_cannot_write_and_bad_credentials_are_401()
    {
        var t = await TestUnits.CreateAsync(host);
        using var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"api/units/{t.P}/tally")).StatusCode);
        await (await anonymous.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).AssertProblemAsync(401, "unauthenticated");
        await (await anonymous.PostAsync("api/units/import", new StringContent("code\n", Encoding.UTF8, "text/csv"))).AssertProblemAsync(401);
        await (await anonymous.GetAsync($"api/units/{t.P}/audit")).AssertProblemAsync(401);
        await (await anonymous.GetAsync("api/accounts")).AssertProblemAsync(401);
        await (await anonymous.PostAsJsonAsync("api/auth/login", new { userName = "admin", password = "wrong-password" })).AssertProblemAsync(401, "bad-credentials");
        await (await anonymous.PostAsJsonAsync("api/auth/tokens", new { userName = "nobody", password = "wrong-password" })).AssertProblemAsync(401, "bad-credentials");
        using var forged = host.Client("dvk_forged-token-that-was-never-issued");
        await (await forged.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).AssertProblemAsync(401);
        Assert.Equal(0, await anonymous.TotalAsync(t.P));
    }

    [Fact]
    public async Task Cookie_sign_in_allows_writes_and_only_admins_manage_accounts()
    {
        var t = await TestUnits.CreateAsync(host);
        await host.AccountAsync($"cookie-{t.P}", "editor", t.P);
        using var page = host.Client();
        var login = await page.PostAsJsonAsync("api/auth/login", new { userName = $"cookie-{t.P}", password = $"pw-cookie-{t.P}-123" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("HttpOnly", string.Join(";", login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        var me = await page.GetJsonAsync("api/auth/me");
        Assert.Equal("editor", me.GetProperty("role").GetString());
        Assert.Equal(t.P, me.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.Created, (await page.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).StatusCode);
        await (await page.GetAsync("api/accounts")).AssertProblemAsync(403);
        await (await page.PostAsJsonAsync("api/accounts", new { userName = "sneaky", role = "admin", scope = "VN", password = "12345678" })).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.NoContent, (await page.PostAsync("api/auth/logout", null)).StatusCode);
        await (await page.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).AssertProblemAsync(401);

        using var scopedAdmin = host.Client(await host.AccountAsync($"padmin-{t.P}", "admin", t.P));
        await (await scopedAdmin.PostAsJsonAsync("api/accounts", new { userName = $"x-{t.P}", role = "editor", scope = t.Q, password = "12345678" })).AssertProblemAsync(403, "outside-scope");
        Assert.Equal(HttpStatusCode.Created, (await scopedAdmin.PostAsJsonAsync("api/accounts", new { userName = $"y-{t.P}", role = "editor", scope = t.D, password = "12345678" })).StatusCode);
        await (await scopedAdmin.PostAsJsonAsync("api/accounts", new { userName = $"y-{t.P}", role = "editor", scope = t.D, password = "12345678" })).AssertProblemAsync(400, "duplicate-account");
        await (await scopedAdmin.PostAsJsonAsync("api/accounts", new { userName = $"z-{t.P}", role = "boss", scope = t.D, password = "12345678" })).AssertProblemAsync(400, "bad-role");
        await (await scopedAdmin.PostAsJsonAsync("api/accounts", new { userName = $"z-{t.P}", role = "viewer", scope = t.D, password = "short" })).AssertProblemAsync(400, "bad-password");
    }

    [Fact]
    public async Task Audit_log_records_who_when_and_before_after()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"auditor-{t.P}", "editor", t.P);
        using var editor = host.Client(token);
        var id = $"{t.C1}-aud";
        (await editor.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, "Trước", id: id))).EnsureSuccessStatusCode();
        (await editor.PatchAsJsonAsync($"api/models/{id}", new { title = "Sau" })).EnsureSuccessStatusCode();
        var log = await editor.GetJsonAsync($"api/units/{t.C1}/audit?limit=1");
        Assert.Equal(3, log.GetProperty("total").GetInt32()); // the unit's creation, then the two model writes
        var latest = log.GetProperty("items")[0];
        Assert.Equal($"auditor-{t.P}", latest.GetProperty("user").GetString());
        Assert.Equal("model.update", latest.GetProperty("action").GetString());
        Assert.Equal(id, latest.GetProperty("model").GetString());
        Assert.Contains("Trước", latest.GetProperty("before").GetString());
        Assert.Contains("Sau", latest.GetProperty("after").GetString());
        Assert.True(DateTimeOffset.UtcNow - latest.GetProperty("at").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        var older = await editor.GetJsonAsync($"api/units/{t.C1}/audit?offset=1&limit=1");
        Assert.Equal("model.register", older.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.Equal(JsonValueKindNull, older.GetProperty("items")[0].GetProperty("before").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<(string Inside, string Outside)> SnapshotAsync(HttpClient admin, TestUnits t)
    {
        async Task<string> Of(string unit) =>
            (await admin.GetStringAsync($"api/units/{unit}/models.csv"))
            + (await admin.GetJsonAsync($"api/units/{unit}/children")).GetProperty("total").GetInt32()
            + (await admin.GetJsonAsync($"api/units/{unit}/audit")).GetProperty("total").GetInt32();
        return (await Of(t.C1), await Of(t.QC) + await Of(t.Q));
    }
}
