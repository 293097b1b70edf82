using DanVanKheo.Client.Http;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Api.Tests;

/// <summary>A host whose rate limit is twelve requests per two seconds, so that an import can outrun it.</summary>
public sealed class BriefWindowHost : ApiHost
{
    protected override Dictionary<string, string?> Settings =>
        DefaultSettingsWith(("Limits:RequestsPerWindow", "12"), ("Limits:Window", "00:00:02"));
}

/// <summary><c>dvk --api … models import</c> against the rate limiter: a part answered 429 waits as asked and goes again.</summary>
public sealed class ApiImportRateLimitTests(BriefWindowHost host) : IClassFixture<BriefWindowHost>
{
    [Fact]
    public async Task Rate_limited_parts_are_sent_again_after_the_wait_the_server_asks_for()
    {
        var t = await TestUnits.CreateAsync(host);
        var token = await host.AccountAsync($"rate-import-{t.P}", "editor", t.P);
        var text = "id,unit,title,field,kind,sponsor,year,levels,effective,commended,status\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"{t.C1}-r{i},{t.C1},Mô hình {i},economy,collective,,2020,commune,,none,active\n"));
        var rows = ModelCsv.Read(new StringReader(text)).ToList();
        using var api = new ApiClient(host.BaseAddress, token);

        // Thirty parts of one row against twelve requests per window: 429s on the way, at least two windows long.
        var report = await ApiCsvImport.ModelsAsync(api, text, rows, null, CancellationToken.None, rowsPerRequest: 1);

        Assert.Empty(report.Rejected);
        Assert.Equal(30, report.Stored);
        Assert.True(report.Elapsed >= TimeSpan.FromSeconds(4), $"took {report.Elapsed}: the limiter was not reached, so the test shows nothing");
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var admin = host.Admin();
        await Eventually.Get(() => admin.TotalAsync(t.C1), n => n == 30);
    }
}
