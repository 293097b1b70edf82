using System.Net.Http.Json;
using DanVanKheo.Client;
using DanVanKheo.Client.Http;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Api.Tests;

/// <summary><c>dvk --api URL --token T</c>: the real command tree, writing through the HTTP API under its rules.</summary>
[Collection(ApiCollection.Name)]
public sealed class DvkOverApiTests(ApiHost host)
{
    [Fact]
    public async Task Editor_writes_inside_its_scope_through_the_api()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-{t.P}", "editor", t.P);
        var id = $"{t.C1}-cli";
        Assert.Equal(0, (await RunAsync(token, "models", "register", id, "--unit", t.C1, "--title", "Mô hình từ dòng lệnh", "--field", "van hoa - xa hoi", "--year", "2023")).Code);
        Assert.Equal(0, (await RunAsync(token, "models", "update", id, "--title", "Đã sửa")).Code);
        Assert.Equal(0, (await RunAsync(token, "models", "evaluate", id, "--year", "2024", "--effective", "true")).Code);
        Assert.Equal(0, (await RunAsync(token, "models", "commend", id, "district")).Code);
        using var admin = host.Admin();
        var model = await admin.GetJsonAsync($"api/models/{id}");
        Assert.Equal("Đã sửa", model.GetProperty("title").GetString());
        Assert.Equal("culture_society", model.GetProperty("field").GetString());
        Assert.Equal(["district"], model.GetProperty("commended").EnumerateArray().Select(c => c.GetString()!));
        var shown = await RunAsync(token, "models", "show", id);
        Assert.Contains("Đã sửa", shown.Output);
        Assert.Equal(0, (await RunAsync(token, "models", "discontinue", id)).Code);
        Assert.Equal("discontinued", (await admin.GetJsonAsync($"api/models/{id}")).GetProperty("status").GetString());
        var audit = await admin.GetJsonAsync($"api/units/{t.C1}/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("user").GetString() == $"cli-{t.P}");
    }

    [Fact]
    public async Task Units_merge_goes_through_the_api()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-merge-{t.P}", "editor", t.P);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).EnsureSuccessStatusCode();
        var merged = await RunAsync(token, "units", "merge", t.C2, t.C1);
        Assert.Equal(0, merged.Code);
        Assert.Contains($"→ {t.C1}", merged.Output);
        Assert.Equal(t.C1, (await admin.GetJsonAsync($"api/units/{t.C2}")).GetProperty("mergedInto").GetString());
        await Eventually.Get(() => admin.TotalAsync(t.C1), total => total == 1);
        var refused = await RunAsync(token, "units", "merge", t.C1, t.D);
        Assert.Equal(2, refused.Code);
        Assert.Contains("bad-merge", refused.Output);
        var outside = await RunAsync(token, "units", "merge", t.C1, t.QC);
        Assert.Equal(2, outside.Code);
        Assert.Contains("outside-scope", outside.Output);
        Assert.Null((await admin.GetJsonAsync($"api/units/{t.C1}")).GetProperty("mergedInto").GetString());
    }

    [Fact]
    public async Task A_merge_list_goes_through_the_api_and_a_merge_outside_the_scope_is_refused_by_line()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-merges-{t.P}", "editor", t.P);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C2))).EnsureSuccessStatusCode();
        var path = Path.Combine(Path.GetTempPath(), t.P + "-merges.csv");
        await File.WriteAllTextAsync(path, $"code,into\n{t.C2},{t.C1}\n{t.C1},{t.QC}\n");

        var result = await RunAsync(token, "units", "import-merges", path);

        Assert.Equal(1, result.Code);
        Assert.Contains("stored 1", result.Output);
        Assert.Matches($@"line 3:.*'{t.QC}'.*outside\s+your\s+scope", result.Output.Replace("\n", " ", StringComparison.Ordinal));
        Assert.Equal(t.C1, (await admin.GetJsonAsync($"api/units/{t.C2}")).GetProperty("mergedInto").GetString());
        Assert.Null((await admin.GetJsonAsync($"api/units/{t.C1}")).GetProperty("mergedInto").GetString());
        await Eventually.Get(() => admin.TotalAsync(t.C1), total => total == 1);
    }

    [Fact]
    public async Task Outside_scope_and_missing_token_are_refused_with_the_problem_named()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-out-{t.P}", "editor", t.P);
        var outside = await RunAsync(token, "models", "register", $"{t.QC}-cli", "--unit", t.QC, "--title", "Ngoài phạm vi", "--field", "economy", "--year", "2023");
        Assert.Equal(2, outside.Code);
        Assert.Contains("outside-scope", outside.Output);
        var anonymous = await RunAsync(null, "models", "register", $"{t.C1}-anon", "--unit", t.C1, "--title", "Không đăng nhập", "--field", "economy", "--year", "2023");
        Assert.Equal(2, anonymous.Code);
        Assert.Contains("unauthenticated", anonymous.Output);
        var tally = await RunAsync(token, "tally", t.P);
        Assert.Equal(2, tally.Code);
        Assert.Contains("not-over-api", tally.Output);
        using var admin = host.Admin();
        Assert.Equal(0, await admin.TotalAsync(t.Q));
        Assert.Equal(0, await admin.TotalAsync(t.P));
    }

    [Fact]
    public async Task Models_import_goes_through_the_api_csv_import_and_names_refused_lines_of_the_file()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-imp-{t.P}", "editor", t.P);
        var file = Path.Combine(Path.GetTempPath(), $"dvk-api-{t.P}.csv");

        // Line 2–3 is one row (a quoted title over two lines); 5 is outside the editor's scope (refused by the server),
        // 6 repeats line 2's id and 7 names no field (both refused by dvk before anything is sent).
        await File.WriteAllTextAsync(file, "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\r\n"
            + $"{t.C1}-i1,{t.C1},\"Dồn điền,\r\nđổi thửa\",economy,collective,,2020,commune,true,none,active\r\n"
            + $"{t.C2}-i2,{t.C2},Hai,economy,individual,,2021,commune;district,,province,active\r\n"
            + $"{t.QC}-i3,{t.QC},Ngoài,economy,collective,,2021,commune,,none,active\r\n"
            + $"{t.C1}-i1,{t.C1},Trùng,economy,collective,,2021,commune,,none,active\r\n"
            + $"{t.C1}-i4,{t.C1},Sai,astrology,collective,,2021,commune,,none,active\r\n");
        try
        {
            var result = await RunAsync(token, "models", "import", file);
            Assert.NotEqual(0, result.Code);
            var output = result.Output.Replace("\n", " ", StringComparison.Ordinal);
            Assert.Matches(@"line 5:.*outside\s+your\s+scope", output);
            Assert.Matches(@"line 6:.*appears\s+again", output);
            Assert.Matches(@"line 7:.*astrology", output);
            Assert.DoesNotContain("line 4:", output);
            using var admin = host.Admin();
            await Eventually.Get(() => admin.TotalAsync(t.D), n => n == 2);
            Assert.Equal(0, await admin.TotalAsync(t.Q));
            Assert.Equal("Dồn điền,\nđổi thửa", (await admin.GetJsonAsync($"api/models/{t.C1}-i1")).GetProperty("title").GetString());

            // The rows went through the CSV import endpoint, not one single-model request each.
            var audit = await admin.GetJsonAsync($"api/units/{t.C1}/audit");
            Assert.Equal(["model.import"], audit.GetProperty("items").EnumerateArray()
                .Select(e => e.GetProperty("action").GetString()!).Where(a => a.StartsWith("model.", StringComparison.Ordinal)).Distinct());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Models_import_over_the_api_sends_parts_and_maps_each_refusal_to_its_line_in_the_file()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-parts-{t.P}", "editor", t.P);
        var text = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + $"{t.C1}-p1,{t.C1},Một,economy,collective,,2020,commune,,none,active\n"
            + $"{t.C1}-p2,{t.C1},\"Hai\ndòng\",economy,collective,,2020,commune,,none,active\n"
            + "\n"
            + $"{t.C2}-p3,{t.C2},Ba,economy,collective,,2020,commune,,none,active\n"
            + $"{t.QC}-p4,{t.QC},Ngoài,economy,collective,,2020,commune,,none,active\n"
            + $"{t.C2}-p5,{t.C2},Năm,economy,collective,,2019,commune,,none,active\n"
            + $"{t.C2}-p6,khongco{t.P},Sáu,economy,collective,,2020,commune,,none,active";
        var rows = DanVanKheo.Import.Csv.ModelCsv.Read(new StringReader(text)).ToList();
        Assert.Equal([2, 3, 6, 7, 8, 9], rows.Select(r => r.Line));
        using var api = new ApiClient(host.BaseAddress, token);
        var requests = 0;
        var report = await ApiCsvImport.ModelsAsync(api, text, rows, n => requests++, CancellationToken.None, rowsPerRequest: 2);

        Assert.Equal(3, requests);
        Assert.Equal(4, report.Stored);
        Assert.Equal([7, 9], report.Rejected.Select(r => r.Line));
        Assert.Contains("outside your scope", report.Rejected[0].Error);
        Assert.Contains($"khongco{t.P}", report.Rejected[1].Error);
        using var admin = host.Admin();
        await Eventually.Get(() => admin.TotalAsync(t.D), n => n == 4);
        Assert.Equal("Hai\ndòng", (await admin.GetJsonAsync($"api/models/{t.C1}-p2")).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Units_import_goes_through_the_api_inside_the_scope_only()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-units-{t.P}", "editor", t.D);
        var file = Path.Combine(Path.GetTempPath(), $"dvk-api-units-{t.P}.csv");
        await File.WriteAllTextAsync(file, "code,name,level,type,parent_code\n"
            + $"{t.C1}t1,Thôn Một,hamlet,Thôn,{t.C1}\n"
            + $"{t.QC}t2,Thôn Ngoài,hamlet,Thôn,{t.QC}\n");
        try
        {
            var result = await RunAsync(token, "units", "import", file);
            Assert.Equal(1, result.Code);
            Assert.Matches(@"line 3:.*outside\s+your\s+scope", result.Output.Replace("\n", " ", StringComparison.Ordinal));
            using var admin = host.Admin();
            Assert.Equal("Thôn Một", (await admin.GetJsonAsync($"api/units/{t.C1}t1")).GetProperty("name").GetString());
            await (await admin.GetAsync($"api/units/{t.QC}t2")).AssertProblemAsync(404, "not-found");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Units_and_merges_over_the_api_go_in_parts_parents_first_and_merges_in_file_order()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"cli-unit-parts-{t.P}", "editor", t.P);
        using var api = new ApiClient(host.BaseAddress, token);
        var x = t.D + "x";

        // The hamlets come before their commune in the file; one row per request.
        var units = "code,name,level,type,parent_code\n"
            + $"{x}h1,Thôn Một,hamlet,Thôn,{x}\n"
            + $"{x}h2,Thôn Hai,hamlet,Thôn,{x}\n"
            + $"{x}h3,Tổ dân phố Ba,hamlet,Tổ dân phố,{x}\n"
            + $"{x},Xã Mới Lập,commune,Xã,{t.D}\n";
        var defined = await ApiCsvImport.UnitsAsync(api, units, UnitCsv.Read(new StringReader(units)).ToList(), null, CancellationToken.None, rowsPerRequest: 1);
        Assert.Empty(defined.Rejected);
        Assert.Equal(4, defined.Stored);
        using var admin = host.Admin();
        Assert.Equal(x, (await admin.GetJsonAsync($"api/units/{x}h3")).GetProperty("parent").GetString());

        // The second merge retires the survivor of the first: only file order makes both right.
        var merges = $"code,into\n{x}h1,{x}h2\n{x}h2,{x}h3\n";
        var merged = await ApiCsvImport.MergesAsync(api, merges, MergeCsv.Read(new StringReader(merges)).ToList(), null, CancellationToken.None, rowsPerRequest: 1);
        Assert.Empty(merged.Rejected);
        Assert.Equal($"{x}h2", (await admin.GetJsonAsync($"api/units/{x}h1")).GetProperty("mergedInto").GetString());
        Assert.Equal($"{x}h3", (await admin.GetJsonAsync($"api/units/{x}h2")).GetProperty("mergedInto").GetString());
        Assert.Equal(1, (await admin.GetJsonAsync($"api/units/{x}")).GetProperty("childCount").GetInt32());
    }

    private async Task<(int Code, string Output)> RunAsync(string? token, params string[] args)
    {
        var writer = new StringWriter();
        var console = TestConsole.Create(writer);
        HttpGrainFactory? factory = null;
        var context = new CliContext(console, (parse, _) => Task.FromResult<IGrainFactory>(factory ??= HttpGrainFactory.FromOptions(parse)!));
        string[] all = token is null ? ["--api", host.BaseAddress.ToString(), .. args] : ["--api", host.BaseAddress.ToString(), "--token", token, .. args];
        try
        {
            var code = await DvkCli.RunAsync(context, all);
            return (code, writer.ToString());
        }
        finally
        {
            factory?.Api.Dispose();
        }
    }
}
