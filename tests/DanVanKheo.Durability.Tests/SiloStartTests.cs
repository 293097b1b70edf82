namespace DanVanKheo.Durability.Tests;

/// <summary>How operators start silos: <c>dotnet path/to/DanVanKheo.Silo.dll</c>, from wherever they are.</summary>
public sealed class SiloStartTests
{
    [PostgresFact]
    public async Task A_silo_started_from_another_directory_uses_its_settings_and_serves_the_dashboard()
    {
        await using var database = await TestDatabase.CreateAsync();
        var elsewhere = Directory.CreateTempSubdirectory("dvk-cwd-");
        try
        {
            await using var silo = SiloProcess.Create(database, elsewhere.FullName);
            await silo.StartAsync();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}/") };
            var page = await http.GetAsync("/");
            Assert.True(page.IsSuccessStatusCode, $"dashboard page: {(int)page.StatusCode}");
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.True((await http.GetAsync("/app.js")).IsSuccessStatusCode);

            // appsettings.json was read: its log filters hold Orleans (and the placement's Polly pipeline, two lines
            // per new activation) to warnings. Without it the silo logs "info: Orleans..." lines from its first second.
            Assert.DoesNotContain("info: Orleans", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("info: Polly", silo.Output, StringComparison.Ordinal);

            // The runtimeconfig.json beside the program was applied: its young-generation cap bounds each collection's
            // pause, and with it the roll-up lag's tail. The banner prints what the runtime really uses (these test silos run
            // the workstation collector, DOTNET_gcServer=0, which keeps the budget).
            var collector = await silo.WaitForLineAsync("GC:", TimeSpan.FromSeconds(30));
            Assert.Contains("gen0 budget at most 16 MiB per heap", collector, StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }
}
