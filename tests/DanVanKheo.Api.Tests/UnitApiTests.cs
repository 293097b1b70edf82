using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DanVanKheo.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class UnitApiTests(ApiHost host)
{
    [Fact]
    public async Task Unit_has_path_tally_and_children_totals()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).EnsureSuccessStatusCode();
        using var anonymous = host.Client();
        var unit = await Eventually.Get(() => anonymous.GetJsonAsync($"api/units/{t.D}"), u => u.GetProperty("tally").GetProperty("total").GetInt32() == 1);
        Assert.Equal("district", unit.GetProperty("level").GetString());
        Assert.Equal(t.P, unit.GetProperty("parent").GetString());
        Assert.Equal(["VN", t.P, t.D], unit.GetProperty("path").EnumerateArray().Select(p => p.GetProperty("code").GetString()!));
        Assert.Equal(1, unit.GetProperty("tally").GetProperty("byField").GetProperty("economy").GetInt32());
        Assert.Equal(1, unit.GetProperty("byYear").GetProperty("2024").GetInt32());

        var children = await anonymous.GetJsonAsync($"api/units/{t.D}/children");
        Assert.Equal(2, children.GetProperty("total").GetInt32());
        var c1 = children.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == t.C1);
        Assert.Equal(1, c1.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Merging_a_commune_moves_its_models_is_audited_and_names_every_problem()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync($"api/units/{t.C2}/merge", new { into = t.C2 })).AssertProblemAsync(400, "bad-merge");
        await (await admin.PostAsJsonAsync($"api/units/{t.C2}/merge", new { into = t.D })).AssertProblemAsync(400, "bad-merge");
        await (await admin.PostAsJsonAsync($"api/units/{t.C2}/merge", new { })).AssertProblemAsync(400, "bad-merge");
        await (await admin.PostAsJsonAsync($"api/units/{t.C2}/merge", new { into = "nosuchunit42" })).AssertProblemAsync(404, "not-found");
        await (await admin.PostAsJsonAsync("api/units/nosuchunit42/merge", new { into = t.C1 })).AssertProblemAsync(404, "not-found");

        // An editor of the other province may not merge across it.
        using var outsider = host.Client(await host.AccountAsync($"merger-{t.Q}", "editor", t.Q));
        await (await outsider.PostAsJsonAsync($"api/units/{t.QC}/merge", new { into = t.C1 })).AssertProblemAsync(403, "outside-scope");
        Assert.Null((await admin.GetJsonAsync($"api/units/{t.QC}")).GetProperty("mergedInto").GetString());

        using var editor = host.Client(await host.AccountAsync($"merger-{t.P}", "editor", t.P));
        var response = await editor.PostAsJsonAsync($"api/units/{t.C2}/merge", new { into = t.C1 });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal(t.C1, (await response.ReadAsync()).GetProperty("mergedInto").GetString());
        await Eventually.Get(() => admin.TotalAsync(t.C1), total => total == 2);
        Assert.Equal(2, await admin.TotalAsync(t.D));
        Assert.Equal(0, await admin.TotalAsync(t.C2));
        var children = await admin.GetJsonAsync($"api/units/{t.D}/children");
        Assert.Equal([t.C1], children.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        await (await admin.PostAsJsonAsync($"api/units/{t.C2}/merge", new { into = t.QC })).AssertProblemAsync(400, "retired-unit");

        var latest = (await admin.GetJsonAsync($"api/units/{t.C2}/audit?limit=1")).GetProperty("items")[0];
        Assert.Equal("unit.merge", latest.GetProperty("action").GetString());
        Assert.Equal($"merger-{t.P}", latest.GetProperty("user").GetString());
    }

    [Fact]
    public async Task Children_are_paged()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        for (var i = 0; i < 5; i++)
        {
            await TestUnits.PutAsync(admin, $"{t.C1}h{i}", $"Thôn {i}", "hamlet", t.C1);
        }

        var first = await admin.GetJsonAsync($"api/units/{t.C1}/children?offset=0&limit=2");
        var last = await admin.GetJsonAsync($"api/units/{t.C1}/children?offset=4&limit=2");
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal([$"{t.C1}h0", $"{t.C1}h1"], first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        Assert.Equal([$"{t.C1}h4"], last.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("code").GetString()!));
        Assert.Equal(2, last.GetProperty("limit").GetInt32());
        await (await admin.GetAsync($"api/units/{t.C1}/children?limit=0")).AssertProblemAsync(400, "bad-paging");
        await (await admin.GetAsync($"api/units/{t.C1}/children?limit=501")).AssertProblemAsync(400, "bad-paging");
        await (await admin.GetAsync($"api/units/{t.C1}/children?offset=-1")).AssertProblemAsync(400, "bad-paging");
        await (await admin.GetAsync($"api/units/{t.C1}/children?limit=abc")).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Tally_has_the_dvk_tally_json_shape_and_periods()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, year: 2016))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, year: 2022, field: "culture_society"))).EnsureSuccessStatusCode();
        var all = await Eventually.Get(() => admin.GetJsonAsync($"api/units/{t.P}/tally"), d => d.GetProperty("total").GetInt32() == 2);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        foreach (var key in new[] { "unit", "name", "level", "type", "byField", "byKind", "effective", "evaluated", "exemplars", "exemplarsByKind", "commended", "commendedByKind", "byRegistrationLevel", "discontinued", "asOf" })
        {
            Assert.True(all.TryGetProperty(key, out _), key);
        }

        var period = await admin.GetJsonAsync($"api/units/{t.P}/tally?from=2016&to=2020");
        Assert.Equal(1, period.GetProperty("total").GetInt32());
        Assert.Equal(2016, period.GetProperty("from").GetInt32());
        await (await admin.GetAsync($"api/units/{t.P}/tally?from=2021&to=2016")).AssertProblemAsync(400, "bad-period");
        await (await admin.GetAsync($"api/units/{t.P}/tally?from=1990")).AssertProblemAsync(400, "bad-year");
        await (await admin.GetAsync("api/units/nosuchunit42/tally")).AssertProblemAsync(404, "not-found");
    }

    [Fact]
    public async Task Missing_unit_is_404_and_bad_code_400()
    {
        using var client = host.Client();
        await (await client.GetAsync("api/units/nosuchunit42")).AssertProblemAsync(404, "not-found");
        await (await client.GetAsync("api/units/nosuchunit42/children")).AssertProblemAsync(404, "not-found");
        await (await client.GetAsync("api/units/nosuchunit42/models")).AssertProblemAsync(404, "not-found");
        await (await client.GetAsync("api/units/bad%20code!")).AssertProblemAsync(400, "bad-unit-code");
        await (await client.GetAsync("api/no-such-endpoint")).AssertProblemAsync(404);
    }

    [Fact]
    public async Task Search_ignores_diacritics()
    {
        var t = await TestUnits.CreateAsync(host);
        using var client = host.Client();
        var number = t.C1[^1..];
        var hits = await Eventually.Get(
            () => client.GetJsonAsync("api/units/search?q=thai%20hoa&limit=500"),
            h => h.EnumerateArray().Any(x => x.GetProperty("code").GetString() == t.C1));
        var hit = hits.EnumerateArray().Single(x => x.GetProperty("code").GetString() == t.C1);
        Assert.StartsWith("Xã Thái Hoà", hit.GetProperty("name").GetString());
        Assert.StartsWith("Huyện Thử", hit.GetProperty("parentName").GetString());
        Assert.Empty((await client.GetJsonAsync("api/units/search?q=")).EnumerateArray());
        await (await client.GetAsync("api/units/search?q=" + new string('a', 300))).AssertProblemAsync(400, "oversize-query");
        Assert.NotEmpty(number);
    }

    [Fact]
    public async Task Put_creates_then_updates_and_refuses_bad_definitions()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var code = t.D + "x";
        var created = await admin.PutAsJsonAsync($"api/units/{code}", new { name = "Huyện Mới", level = "district", type = "Huyện", parent = t.P });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var renamed = await admin.PutAsJsonAsync($"api/units/{code}", new { name = "Huyện Đổi Tên", level = "district", type = "Huyện", parent = t.P });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Huyện Đổi Tên", (await renamed.ReadAsync()).GetProperty("name").GetString());
        await (await admin.PutAsJsonAsync($"api/units/{code}y", new { name = "X", level = "planet", parent = t.P })).AssertProblemAsync(400, "bad-level");
        await (await admin.PutAsJsonAsync($"api/units/{code}y", new { name = "X", level = "district", parent = "nosuchparent9" })).AssertProblemAsync(400, "unknown-parent");
        await (await admin.PutAsJsonAsync($"api/units/{code}y", new { name = "", level = "district", parent = t.P })).AssertProblemAsync(400, "empty-name");
        await (await admin.PutAsJsonAsync($"api/units/{t.P}", new { name = "Cycle", level = "province", parent = t.D })).AssertProblemAsync(400);
    }

    [Fact]
    public async Task Units_import_csv_stores_rows_and_lists_rejected_lines()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var good = $"code,name,level,type,parent_code\n{t.C1}a,Thôn A,hamlet,Thôn,{t.C1}\n{t.C1}b,\"Thôn B, mới\",hamlet,Thôn,{t.C1}\n";
        var ok = await admin.PostAsync("api/units/import", new StringContent(good, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, (await ok.ReadAsync()).GetProperty("stored").GetInt32());
        Assert.Equal("Thôn B, mới", (await admin.GetJsonAsync($"api/units/{t.C1}b")).GetProperty("name").GetString());

        var mixed = $"code,name,level,type,parent_code\n{t.C1}c,Thôn C,hamlet,Thôn,{t.C1}\n{t.C1}d,Thôn D,galaxy,Thôn,{t.C1}\n";
        var partial = await admin.PostAsync("api/units/import", new StringContent(mixed, Encoding.UTF8, "text/csv"));
        var problem = await partial.AssertProblemAsync(422, "rows-rejected");
        Assert.Equal(1, problem.GetProperty("stored").GetInt32());
        Assert.Equal(3, problem.GetProperty("rejected")[0].GetProperty("line").GetInt32());

        var noHeader = await admin.PostAsync("api/units/import", new StringContent("just,some,thing\n1,2,3\n", Encoding.UTF8, "text/csv"));
        await noHeader.AssertProblemAsync(400, "bad-csv");
    }

    [Fact]
    public async Task A_merge_list_applies_in_file_order_and_lists_each_refused_line()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var c3 = t.C1 + "x";
        await TestUnits.PutAsync(admin, c3, "Xã Ba", "commune", t.D);
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, id: $"{t.C1}-m"))).EnsureSuccessStatusCode();
        var token = await host.AccountAsync($"merger-{t.P}", "editor", t.P);
        using var editor = host.Client(token);
        var list = string.Join('\n',
            "code,into",
            $"{t.C1},{t.C2}",
            $"{t.C2},{c3}",
            $"{t.QC},{t.C2}",
            $"{t.C1},{c3}",
            $"{t.D}x,{c3}",
            $"{t.D},{c3}",
            $"{c3},",
            "");

        var response = await editor.PostAsync("api/units/merges", new StringContent(list, Encoding.UTF8, "text/csv"));

        var problem = await response.AssertProblemAsync(422, "rows-rejected");
        Assert.Equal(7, problem.GetProperty("rows").GetInt32());
        Assert.Equal(2, problem.GetProperty("stored").GetInt32());
        var rejected = problem.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("line").GetInt32(), r => r.GetProperty("error").GetString()!);
        Assert.Equal([4, 5, 6, 7, 8], rejected.Keys.Order());
        Assert.Contains($"unit '{t.QC}' is outside your scope", rejected[4]);
        Assert.Contains($"unit '{t.C1}' is merged again (first at line 2)", rejected[5]);
        Assert.Contains("does not exist", rejected[6]);
        Assert.Contains("same level", rejected[7]);
        Assert.Contains("unit code '' is not valid", rejected[8]);

        // C1 went into C2, then C2 (with C1's model) into the third commune; the commune outside the scope is untouched.
        Assert.Equal(t.C2, (await admin.GetJsonAsync($"api/units/{t.C1}")).GetProperty("mergedInto").GetString());
        Assert.Equal(c3, (await admin.GetJsonAsync($"api/units/{t.C2}")).GetProperty("mergedInto").GetString());
        Assert.Equal(JsonValueKind.Null, (await admin.GetJsonAsync($"api/units/{t.QC}")).GetProperty("mergedInto").ValueKind);
        Assert.Equal(1, (await admin.GetJsonAsync($"api/units/{t.D}/children")).GetProperty("total").GetInt32());
        Assert.Equal(1, await Eventually.Get(() => admin.TotalAsync(c3), n => n == 1));
        var log = await admin.GetJsonAsync($"api/units/{c3}/audit?limit=1");
        Assert.Equal("unit.merge", log.GetProperty("items")[0].GetProperty("action").GetString());
        Assert.Equal($"merger-{t.P}", log.GetProperty("items")[0].GetProperty("user").GetString());

        var viewer = await host.AccountAsync($"merge-viewer-{t.P}", "viewer", t.P);
        using var reader = host.Client(viewer);
        await (await reader.PostAsync("api/units/merges", new StringContent(list, Encoding.UTF8, "text/csv"))).AssertProblemAsync(403);
    }
}
