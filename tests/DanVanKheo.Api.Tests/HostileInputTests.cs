using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace DanVanKheo.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiHost host)
{
    [Fact]
    public async Task Oversize_body_is_413_and_stores_nothing()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.AdminExpectingContinue();
        var huge = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{t.C1}-big{i},{t.C1},{new string('x', 60)},economy,collective,,2020,commune,,none,active\n"));
        Assert.True(huge.Length > 1_048_576);
        var response = await admin.PostAsync("api/models/import", new StringContent(huge, Encoding.UTF8, "text/csv"));
        await response.AssertProblemAsync(413, "body-too-large");
        var json = await admin.PostAsync("api/models", new StringContent("{\"title\":\"" + new string('a', 1_100_000) + "\"}", Encoding.UTF8, "application/json"));
        await json.AssertProblemAsync(413, "body-too-large");
        Assert.Equal(0, (await admin.GetJsonAsync($"api/units/{t.C1}/models")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Too_many_csv_rows_is_413()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var rows = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + string.Concat(Enumerable.Range(0, 2001).Select(i => $"{t.C1}-r{i},{t.C1},T,economy,collective,,2020,commune,,none,active\n"));
        var response = await admin.PostAsync("api/models/import", new StringContent(rows, Encoding.UTF8, "text/csv"));
        await response.AssertProblemAsync(413, "too-many-rows");
        Assert.Equal(0, (await admin.GetJsonAsync($"api/units/{t.C1}/models")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{\"unit\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"unit\": \"x\", \"year\": \"two thousand\"}")]
    [InlineData("not json at all")]
    public async Task Malformed_json_is_400(string body)
    {
        using var admin = host.Admin();
        var response = await admin.PostAsync("api/models", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(400, "bad-json");
    }

    [Fact]
    public async Task Invalid_utf8_is_400_in_json_and_csv()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        byte[] Bytes(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(after)];
        var json = new ByteArrayContent(Bytes($"{{\"unit\":\"{t.C1}\",\"title\":\"", "\",\"field\":\"economy\",\"year\":2020}"));
        json.Headers.ContentType = new("application/json");
        await (await admin.PostAsync("api/models", json)).AssertProblemAsync(400, "bad-json");
        var csv = new ByteArrayContent(Bytes($"id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n{t.C1}-u,{t.C1},", ",economy,collective,,2020,commune,,none,active\n"));
        csv.Headers.ContentType = new("text/csv");
        var problem = await (await admin.PostAsync("api/models/import", csv)).AssertProblemAsync(400, "bad-encoding");
        Assert.StartsWith("line 2: the file is not UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await admin.GetJsonAsync($"api/units/{t.C1}/models")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Malformed_csv_is_a_clear_4xx()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        await (await admin.PostAsync("api/models/import", new StringContent("", Encoding.UTF8, "text/csv"))).AssertProblemAsync(400, "bad-csv");
        var broken = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + $"{t.C1}-q,{t.C1},\"never closed,economy,collective,,2020,commune,,none,active\n";
        var response = await admin.PostAsync("api/models/import", new StringContent(broken, Encoding.UTF8, "text/csv"));
        Assert.True((int)response.StatusCode is 400 or 422, $"{(int)response.StatusCode}");
        var columns = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n" + $"{t.C1}-k,{t.C1},only three\n";
        var problem = await (await admin.PostAsync("api/models/import", new StringContent(columns, Encoding.UTF8, "text/csv"))).AssertProblemAsync(422, "rows-rejected");
        Assert.Contains("columns", problem.GetProperty("rejected")[0].GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("api/units/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("api/units/%2e%2e/tally")]
    [InlineData("api/units/..%5C..%5Cwindows/children")]
    [InlineData("api/models/..%2F..%2Fappsettings.json")]
    [InlineData("api/units/VN%00/tally")]
    public async Task Path_traversal_in_codes_is_refused(string path)
    {
        using var client = host.Client();
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 404, $"{path}: {(int)response.StatusCode}");
        Assert.DoesNotContain("root:", text);
        Assert.DoesNotContain("\"Logging\"", text);
    }

    [Fact]
    public async Task Script_in_a_title_is_stored_as_text()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        var title = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">";
        var created = await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, title))).ReadAsync();
        Assert.Equal(title, created.GetProperty("title").GetString());
        var raw = await admin.GetStringAsync($"api/models/{created.GetProperty("id").GetString()}");
        Assert.Contains("<script>", raw);
        Assert.StartsWith("application/json", (await admin.GetAsync($"api/models/{created.GetProperty("id").GetString()}")).Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Control_characters_in_text_are_refused()
    {
        var t = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C1, "bad\u0007title"))).AssertProblemAsync(400, "bad-title");
        await (await admin.PutAsJsonAsync($"api/units/{t.C1}z", new { name = "bad\u0000name", level = "hamlet", parent = t.C1 })).AssertProblemAsync(400, "bad-name");
    }
}
