using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace DanVanKheo.Api.Tests;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).
/// Drills from the national page to a commune, registers a model through the form, and watches the
/// commune, district, province and national numbers change without a reload; an editor merges a commune from its page.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardBrowserTests(ApiHost host)
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan LiveDeadline = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Drill_down_register_a_model_and_see_every_level_change_live()
    {
        var t = await TestUnits.CreateAsync(host);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, errors) = await NewPageAsync(browser);

        await page.GotoAsync(host.BaseAddress.ToString());
        await Live(page);
        Assert.Equal("Việt Nam", await page.Locator("[data-testid=unit-name]").TextContentAsync());

        // Drill down: national → province → district → commune, by clicking rows of the children table.
        await ClickChild(page, "VN", t.P);
        await ClickChild(page, t.P, t.D);
        await ClickChild(page, t.D, t.C1);
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Thái Hoà')");
        await Live(page);

        await SignInAsAdminAsync(page);
        await page.Locator("[data-testid=register-form]").WaitForAsync();

        var levels = new[] { t.C1, t.D, t.P, "VN" };
        var before = new Dictionary<string, int>();
        foreach (var code in levels)
        {
            before[code] = await CrumbTotal(page, code);
        }

        var title = "Mô hình <img src=x onerror=\"window.__xss=1\"> <script>window.__xss=2</script> thử";
        await page.FillAsync("[data-testid=model-title]", title);
        await page.SelectOptionAsync("[data-testid=model-field]", "culture_society");
        await page.FillAsync("[data-testid=model-year]", "2024");
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("[data-testid=model-submit]");
        foreach (var code in levels)
        {
            await page.WaitForFunctionAsync(
                $"([code, n]) => parseInt((document.querySelector('[data-testid=crumb-total-' + code + ']')?.textContent || '').replace(/\\D/g, ''), 10) >= n",
                new object[] { code, before[code] + 1 },
                new() { Timeout = 10_000 });
            Assert.True(clock.Elapsed < LiveDeadline, $"{code} changed after {clock.Elapsed.TotalMilliseconds:0} ms (limit {LiveDeadline.TotalMilliseconds} ms)");
        }

        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=total]').textContent === '{before[t.C1] + 1}'");
        await page.Locator($"[data-testid=models] td.title").First.WaitForAsync();
        Assert.Equal(title, await page.Locator("[data-testid=models] td.title").First.TextContentAsync());
        Assert.Contains("Đã đăng ký", await page.Locator("[data-testid=register-result]").TextContentAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Equal(0, await page.Locator("[data-testid=models] img").CountAsync());

        // The breadcrumb shows where we are; the English toggle relabels the page.
        Assert.Equal(4, await page.Locator("[data-testid=breadcrumb] a").CountAsync());
        await page.ClickAsync("#lang");
        Assert.Equal("Live", await page.Locator("[data-testid=live-state]").TextContentAsync());
        await page.ClickAsync("#lang");

        var shot = Artifacts("dashboard-commune.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000);

        // Search without diacritics finds the commune from anywhere.
        await page.GotoAsync(host.BaseAddress + "#/unit/VN");
        var name = await page.EvaluateAsync<string>($"() => fetch('/api/units/{t.C1}').then(r => r.json()).then(u => u.name)");
        await page.FillAsync("[data-testid=search]", "thai hoa " + name.Split(' ')[^1]);
        await page.Locator($"[data-testid=hit-{t.C1}]").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Thái Hoà')");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_editor_merges_a_commune_from_its_page_and_bad_survivors_are_named()
    {
        var t = await TestUnits.CreateAsync(host);
        using (var admin = host.Admin())
        {
            var registered = await admin.PostAsJsonAsync("api/models", TestUnits.Model(t.C2, "Mô hình của xã bị sáp nhập"));
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, errors) = await NewPageAsync(browser);
        await page.GotoAsync(host.BaseAddress + "#/unit/" + t.C2);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Đông Sơn')");
        Assert.True(await page.Locator("[data-testid=merge-form]").IsHiddenAsync(), "the merge form shows before sign-in");

        await SignInAsAdminAsync(page);
        await page.Locator("[data-testid=merge-form]").WaitForAsync();

        // Each refusal is shown with the server's reason, and nothing moves.
        await page.CheckAsync("[data-testid=merge-confirm]");
        foreach (var (into, reason) in new[] { ("khongco", "không tồn tại"), (t.Q, "same level") })
        {
            await page.FillAsync("[data-testid=merge-into]", into);
            await page.ClickAsync("[data-testid=merge-submit]");
            await page.WaitForFunctionAsync(
                "r => { const e = document.querySelector('[data-testid=merge-result]'); return e.classList.contains('bad') && e.textContent.includes(r); }",
                reason);
        }

        using var reader = host.Client();
        Assert.Equal(2, (await reader.GetJsonAsync($"api/units/{t.D}")).GetProperty("childCount").GetInt32());

        await page.FillAsync("[data-testid=merge-into]", t.C1);
        await page.ClickAsync("[data-testid=merge-submit]");
        await page.WaitForFunctionAsync($"() => location.hash === '#/unit/{t.C1}' && document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Thái Hoà')");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=total]').textContent === '1'");
        Assert.Contains($"Đã sáp nhập vào: {t.C1}", await page.Locator("[data-testid=merge-result]").TextContentAsync());

        // The district holds only the survivor, and the retired commune's page offers no merge.
        Assert.Equal(1, (await reader.GetJsonAsync($"api/units/{t.D}")).GetProperty("childCount").GetInt32());
        await page.GotoAsync(host.BaseAddress + "#/unit/" + t.C2);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Đông Sơn')");
        await page.Locator("[data-testid=who]").WaitForAsync();
        Assert.True(await page.Locator("[data-testid=merge-form]").IsHiddenAsync(), "a retired unit offers a merge");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_editor_imports_a_csv_file_good_rows_count_live_and_refused_lines_are_named()
    {
        var t = await TestUnits.CreateAsync(host);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, errors) = await NewPageAsync(browser);
        await page.GotoAsync(host.BaseAddress + "#/unit/" + t.C1);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=unit-name]').textContent.startsWith('Xã Thái Hoà')");
        await Live(page);
        Assert.True(await page.Locator("[data-testid=import-form]").IsHiddenAsync(), "the import form shows before sign-in");

        await SignInAsAdminAsync(page);
        await page.Locator("[data-testid=import-form]").WaitForAsync();
        var before = await CrumbTotal(page, "VN");

        // Line 3 names a field that does not exist; lines 2 and 4 are good and go in regardless.
        var title = "Dồn điền, đổi thửa — Ấp Mỹ Hưng";
        var csv = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + $"{t.C1}-w1,{t.C1},\"{title}\",economy,collective,Hội Nông dân,2019,commune;district,true,district,active\n"
            + $"{t.C1}-w2,{t.C1},Sai lĩnh vực,astrology,collective,,2020,commune,,none,active\n"
            + $"{t.C1}-w3,{t.C1},Tổ tự quản,culture_society,individual,,2021,commune,,none,active\n";
        await page.SetInputFilesAsync("[data-testid=import-file]",
            new FilePayload { Name = "mô-hình.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("[data-testid=import-submit]");

        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=import-result]').classList.contains('bad')");
        Assert.Contains("Đã lưu: 2/3", await page.Locator("[data-testid=import-result]").TextContentAsync());
        var refused = page.Locator("[data-testid=import-rejected] li");
        Assert.Equal(1, await refused.CountAsync());
        Assert.Equal("3", await refused.GetAttributeAsync("data-line"));
        Assert.Contains("astrology", await refused.TextContentAsync());
        await page.Locator("#import-card").ScreenshotAsync(new() { Path = Artifacts("dashboard-import.png") });

        // The two good rows reach the commune and the national total without a reload.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=total]').textContent === '2'", null, new() { Timeout = 10_000 });
        await page.WaitForFunctionAsync(
            "n => parseInt((document.querySelector('[data-testid=crumb-total-VN]')?.textContent || '').replace(/\\D/g, ''), 10) >= n",
            before + 2, new() { Timeout = 10_000 });
        await page.Locator("[data-testid=models] td.title", new() { HasTextString = title }).WaitForAsync();

        // The template link gives the same format back, titles with diacritics intact.
        var template = await page.Locator("[data-testid=import-template]").GetAttributeAsync("href");
        Assert.Equal($"/api/units/{t.C1}/models.csv", template);
        Assert.Contains(title, await page.EvaluateAsync<string>("href => fetch(href).then(r => r.text())", template));

        // A file that is not UTF-8 is refused as a whole, with the reason, and nothing more is stored.
        await page.SetInputFilesAsync("[data-testid=import-file]",
            new FilePayload { Name = "latin1.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.Latin1.GetBytes(csv.Replace("-w", "-x", StringComparison.Ordinal)) });
        await page.ClickAsync("[data-testid=import-submit]");
        await page.WaitForFunctionAsync(
            "() => { const e = document.querySelector('[data-testid=import-result]'); return e.classList.contains('bad') && e.textContent.includes('UTF-8'); }");
        Assert.Equal(0, await page.Locator("[data-testid=import-rejected] li").CountAsync());
        using var reader = host.Client();
        Assert.Equal(2, await reader.TotalAsync(t.C1));
        Assert.Empty(errors);
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: apt-get install chromium (.ci/run does)");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    private static async Task<(IPage Page, List<string> Errors)> NewPageAsync(IBrowser browser)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1500 }, Locale = "vi-VN" });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Dialog += (_, dialog) => errors.Add("dialog: " + dialog.Message);
        return (page, errors);
    }

    private static async Task SignInAsAdminAsync(IPage page)
    {
        await page.FillAsync("#login-user", "admin");
        await page.FillAsync("#login-password", ApiHost.AdminPassword);
        await page.ClickAsync("#login-form button[type=submit]");
    }

    private static async Task Live(IPage page) =>
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=live-state]').dataset.state === 'live'", null, new() { Timeout = 15_000 });

    private static async Task ClickChild(IPage page, string parent, string code)
    {
        await page.Locator($"#children[data-unit='{parent}']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var row = page.Locator($"[data-testid=child-{code}]");
        for (var pages = 0; await row.CountAsync() == 0 && pages < 100; pages++)
        {
            var label = await page.Locator("#children-page").TextContentAsync();
            await page.ClickAsync("#children-next");
            await page.WaitForFunctionAsync("l => document.getElementById('children-page').textContent !== l", label);
        }

        await row.ClickAsync();
        await page.WaitForFunctionAsync($"() => location.hash === '#/unit/{code}' && document.querySelector('[data-testid=crumb-total-{code}]') !== null");
    }

    private static async Task<int> CrumbTotal(IPage page, string code)
    {
        await page.WaitForFunctionAsync($"() => /\\d/.test(document.querySelector('[data-testid=crumb-total-{code}]')?.textContent || '')");
        var text = await page.Locator($"[data-testid=crumb-total-{code}]").TextContentAsync() ?? "";
        return int.Parse(new string([.. text.Where(char.IsAsciiDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>artifacts/browser/ at the repository root, kept by CI with the test results.</summary>
    public static string Artifacts(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DanVanKheo.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "browser");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
