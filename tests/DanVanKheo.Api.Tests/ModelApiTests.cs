using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace DanVanKheo.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ModelApiTests(ApiHost host)
{
    [Fact]
    public async Task Register_get_update_evaluate_commend_discontinue()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var created = await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, "Tổ hợp tác \"sản xuất sạch\""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = await created.ReadAsync();
        var id = model.GetProperty("id").GetString()!;
        Assert.Equal($"/api/models/{id}", created.Headers.Location?.ToString());
        Assert.Equal("Tổ hợp tác \"sản xuất sạch\"", (await admin.GetJsonAsync($"api/models/{id}")).GetProperty("title").GetString());

        var patched = await (await admin.PatchAsJsonAsync($"api/models/{id}", new { title = "Đổi tên", field = "defense_security" })).ReadAsync();
        Assert.Equal("defense_security", patched.GetProperty("field").GetString());
        var evaluated = await (await admin.PostAsJsonAsync($"api/models/{id}/evaluate", new { year = 2024, effective = true })).ReadAsync();
        Assert.True(evaluated.GetProperty("evaluations")[0].GetProperty("effective").GetBoolean());
        var commended = await (await admin.PostAsJsonAsync($"api/models/{id}/commend", new { level = "province" })).ReadAsync();
        Assert.Equal(["province"], commended.GetProperty("commended").EnumerateArray().Select(c => c.GetString()!));
        Assert.True(commended.GetProperty("exemplar").GetBoolean());
        var tally = await Eventually.Get(() => admin.GetJsonAsync($"api/units/{t.P}/tally"), d => d.GetProperty("commended").GetProperty("province").GetInt32() == 1);
        Assert.Equal(1, tally.GetProperty("effective").GetInt32());
        Assert.Equal(1, tally.GetProperty("byField").GetProperty("defense_security").GetInt32());

        var discontinued = await (await admin.PostAsync($"api/models/{id}/discontinue", null)).ReadAsync();
        Assert.Equal("discontinued", discontinued.GetProperty("status").GetString());
        await Eventually.Get(() => admin.TotalAsync(t.P), n => n == 0);
        Assert.Equal(0, await admin.TotalAsync(t.P));
        var reactivated = await (await admin.PostAsync($"api/models/{id}/reactivate", null)).ReadAsync();
        Assert.Equal("active", reactivated.GetProperty("status").GetString());
        var exemplar = await admin.PostAsync($"api/models/{id}/exemplar", null);
        Assert.Equal(HttpStatusCode.OK, exemplar.StatusCode);
    }

    [Fact]
    public async Task Model_errors_are_problem_details()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        await (await admin.GetAsync("api/models/no-such-model-1")).AssertProblemAsync(404, "not-found");
        await (await admin.PostAsync("api/models/no-such-model-1/discontinue", null)).AssertProblemAsync(404, "not-found");
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, field: "astrology"))).AssertProblemAsync(400, "bad-field");
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, year: 1990))).AssertProblemAsync(400, "bad-year");
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model("nosuchunit7"))).AssertProblemAsync(400, "unknown-unit");
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, title: "  "))).AssertProblemAsync(400, "empty-title");
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, title: new string('x', 501)))).AssertProblemAsync(400, "oversize-title");
        await (await admin.PostAsJsonAsync("api/models", new { unit = t.C1, title = "x", field = "economy", year = 2020, levels = Array.Empty<string>() })).AssertProblemAsync(400, "bad-levels");
        var id = $"{t.C1}-dup";
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, id: id))).EnsureSuccessStatusCode();
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, "Khác", id: id))).AssertProblemAsync(400, "duplicate-model");
        await (await admin.PostAsJsonAsync($"api/models/{id}/commend", new { level = "galactic" })).AssertProblemAsync(400, "bad-commended");
        await (await admin.PostAsJsonAsync($"api/models/{id}/evaluate", new { year = 2024 })).AssertProblemAsync(400, "bad-effective");
        await (await admin.PostAsJsonAsync($"api/models/bad%20id!/evaluate", new { year = 2024, effective = true })).AssertProblemAsync(400, "bad-model-id");
    }

    [Fact]
    public async Task Put_upserts_and_list_filters_and_pages()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        for (var i = 0; i < 6; i++)
        {
            var body = TestUnits.Model(t.C2, $"Mô hình {i}", i % 2 == 0 ? "economy" : "culture_society", 2020 + i % 3);
            var put = await admin.PutAsJsonAsync($"api/models/{t.C2}-m{i}", body);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var page = await admin.GetJsonAsync($"api/units/{t.C2}/models?offset=0&limit=4");
        Assert.Equal(6, page.GetProperty("total").GetInt32());
        Assert.Equal(4, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2, (await admin.GetJsonAsync($"api/units/{t.C2}/models?offset=4&limit=4")).GetProperty("items").GetArrayLength());
        Assert.Equal(3, (await admin.GetJsonAsync($"api/units/{t.C2}/models?field=economy")).GetProperty("total").GetInt32());
        Assert.Equal(2, (await admin.GetJsonAsync($"api/units/{t.C2}/models?year=2021")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await admin.GetJsonAsync($"api/units/{t.C2}/models?status=discontinued")).GetProperty("total").GetInt32());
        await (await admin.GetAsync($"api/units/{t.C2}/models?field=nope")).AssertProblemAsync(400, "bad-field");
        await (await admin.GetAsync($"api/units/{t.C2}/models?status=nope")).AssertProblemAsync(400, "bad-status");
    }

    [Fact]
    public async Task Csv_export_imports_back_unchanged_and_import_reports_lines()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var csv = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + $"{t.C1}-a,{t.C1},\"Dồn điền, đổi thửa\",economy,collective,Hội Nông dân,2019,commune;district,true,district,active\n"
            + $"{t.C1}-b,{t.C1},Tổ tự quản,Văn hóa – xã hội,cá nhân,,2021,commune,,none,active\n";
        var imported = await admin.PostAsync("api/models/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.ReadAsync()).GetProperty("stored").GetInt32());
        await Eventually.Get(() => admin.TotalAsync(t.C1), n => n == 2);

        var export = await admin.GetStringAsync($"api/units/{t.C1}/models.csv");
        Assert.StartsWith("id,unit,title,field,kind,sponsor,year,levels,effective,commended,status,exemplar,evaluated_year", export);
        Assert.Contains("\"Dồn điền, đổi thửa\"", export);
        var again = await admin.PostAsync("api/models/import", new StringContent(export, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await admin.TotalAsync(t.C1));
        var audit = await admin.GetJsonAsync($"api/units/{t.C1}/audit");
        Assert.Equal(2, audit.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "model.import"));

        var bad = csv.Replace("economy", "astrology", StringComparison.Ordinal).Replace($"{t.C1}-b", $"{t.C1}-c", StringComparison.Ordinal);
        var partial = await admin.PostAsync("api/models/import", new StringContent(bad, Encoding.UTF8, "text/csv"));
        var problem = await partial.AssertProblemAsync(422, "rows-rejected");
        Assert.Equal(2, problem.GetProperty("rejected")[0].GetProperty("line").GetInt32());
        Assert.Contains("astrology", problem.GetProperty("rejected")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_utf16_csv_as_a_spreadsheet_saves_it_imports_with_its_diacritics()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var title = "Mô hình \"Dân vận khéo\" ở thôn Đồng Tâm";
        var csv = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\r\n"
            + $"{t.C1}-u16,{t.C1},\"{title.Replace("\"", "\"\"", StringComparison.Ordinal)}\",economy,collective,Hội Phụ nữ,2022,commune,,none,active\r\n";
        var body = new ByteArrayContent([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)]);
        body.Headers.ContentType = new("text/csv");

        var imported = await admin.PostAsync("api/models/import", body);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(1, (await imported.ReadAsync()).GetProperty("stored").GetInt32());
        var model = await admin.GetJsonAsync($"api/models/{t.C1}-u16");
        Assert.Equal(title, model.GetProperty("title").GetString());
        Assert.Equal("Hội Phụ nữ", model.GetProperty("sponsor").GetString());
    }
}
