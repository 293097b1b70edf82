using System.Text;
using DanVanKheo.Client;
using DanVanKheo.Import.Csv;
using DanVanKheo.Import.Synthetic;
using Spectre.Console;

namespace DanVanKheo.Durability.Tests;

/// <summary><c>dvk models export</c>, <c>dvk reconcile</c> and <c>dvk --postgres</c>, run as a user runs them.</summary>
public sealed class CliTests
{
    [PostgresFact]
    public async Task Export_round_trips_through_import_and_reconcile_finds_and_repairs_a_planted_difference()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 1);
        var data = new SyntheticData("cli" + Guid.NewGuid().ToString("N")[..8], models: 300, districts: 2, communesPerDistrict: 3);
        var directory = Directory.CreateTempSubdirectory("dvk-durable-");
        try
        {
            var input = Path.Combine(directory.FullName, "models.csv");
            var first = Path.Combine(directory.FullName, "export1.csv");
            var second = Path.Combine(directory.FullName, "export2.csv");
            await using (var writer = new StreamWriter(input, false, new UTF8Encoding(false)))
            {
                ModelCsv.Write(writer, data.Models.Select(Oracle.Record));
            }

            var grains = await cluster.ConnectAsync();
            await DurableCluster.DefineUnitsAsync(grains, data);
            var postgres = new[] { "--postgres", cluster.Database.ConnectionString };
            Assert.Equal(0, (await RunAsync([.. postgres, "models", "import", input])).Code);
            Assert.Equal(0, (await RunAsync([.. postgres, "models", "export", data.Province, first])).Code);

            // Importing the export changes nothing: every model keeps its version, and a second export is identical.
            var versions = await Task.WhenAll(data.Models.Select(m => grains.GetGrain<IModelGrain>(m.Id).Get()));
            Assert.Equal(0, (await RunAsync([.. postgres, "models", "import", first])).Code);
            var after = await Task.WhenAll(data.Models.Select(m => grains.GetGrain<IModelGrain>(m.Id).Get()));
            Assert.Equal(versions.Select(v => v!.Version), after.Select(v => v!.Version));
            Assert.Equal(0, (await RunAsync([.. postgres, "models", "export", data.Province, second])).Code);
            Assert.Equal(await File.ReadAllTextAsync(first), await File.ReadAllTextAsync(second));
            Assert.Equal(data.Models.Count + 1, File.ReadAllLines(first).Length);

            var expected = Oracle.Tallies(data, data.Models.Select(Oracle.Record));
            Assert.Empty(await DurableCluster.WaitForTalliesAsync(grains, expected, TimeSpan.FromSeconds(60)));
            var clean = await RunAsync([.. postgres, "reconcile", data.Province]);
            Assert.Equal(0, clean.Code);
            Assert.Contains("300 models", clean.Output.Replace(".", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // Plant a count no stored model backs (as a lost removal would leave): reconcile must see it, repair must remove it.
            var commune = data.Units.First(u => u.Level == Level.Commune).Code;
            await grains.GetGrain<IUnitGrain>(commune).ReportModel(new ModelReport("ghost-model", 1, new Contribution(2020, 1)));
            var found = await RunAsync([.. postgres, "reconcile", data.Province]);
            Assert.Equal(1, found.Code);
            Assert.Contains("ghost-model", found.Output, StringComparison.Ordinal);
            var repaired = await RunAsync([.. postgres, "reconcile", data.Province, "--repair"]);
            Assert.Equal(0, repaired.Code);
            Assert.Empty((await DurableCluster.ReconcileAsync(grains, data.Province)).Differences);
            Assert.Empty(await DurableCluster.WaitForTalliesAsync(grains, expected, TimeSpan.FromSeconds(60)));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task Bench_checks_both_sides_give_the_same_numbers_and_reports_every_ratio()
    {
        await using var cluster = await DurableCluster.StartAsync(silos: 1);
        var report = Path.Combine(Path.GetTempPath(), $"dvk-bench-{Guid.NewGuid():N}.json");
        try
        {
            var run = await RunAsync([
                "--gateway", cluster.Silos[0].Gateway, "bench", "--postgres", cluster.Database.ConnectionString,
                "--provinces", "1", "--hamlets-per-commune", "1", "--models", "3000", "--concurrency", "64",
                "--reads", "40", "--read-seconds", "2", "--write-seconds", "1", "--write-rate", "50", "--report", report]);

            Assert.True(run.Code == 0, run.Output);
            using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(report));
            Assert.True(json.RootElement.GetProperty("sameNumbers").GetBoolean());
            foreach (var ratios in new[] { "speedup", "speedupUnderWrites", "speedupVsCounters" })
            {
                var byLevel = json.RootElement.GetProperty(ratios);
                foreach (var level in new[] { "national", "province", "district", "commune" })
                {
                    Assert.True(byLevel.GetProperty(level).GetDouble() > 0, $"{ratios}.{level}");
                }
            }

            Assert.All(json.RootElement.GetProperty("reads").EnumerateArray(), r => Assert.True(r.GetProperty("sqlGroupByQuiet").GetProperty("p50").GetDouble() > 0));
            Assert.Contains("GROUP BY", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 400;
        ClusterConnection? connection = null;
        var context = new CliContext(console, async (parse, ct) =>
        {
            connection ??= await ClusterConnection.ConnectAsync(
                parse.GetValue(GlobalOptions.Gateway) ?? [], parse.GetValue(GlobalOptions.Postgres), "dvk", "danvankheo", ct);
            return connection.Client;
        });
        try
        {
            var code = await DvkCli.RunAsync(context, args);
            return (code, writer.ToString());
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
