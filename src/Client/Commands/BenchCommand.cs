using System.CommandLine;
using DanVanKheo.Client.Bench;
using DanVanKheo.Client.Output;
using Npgsql;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk bench --postgres CONN</c>: our tally reads and writes against PostgreSQL on the same data.</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var postgres = new Option<string>("--postgres") { Description = "PostgreSQL connection string (schema dvk_bench is dropped and rebuilt)", Required = true };
        var writeRate = new Option<double>("--write-rate") { Description = "Writes per second that continue while reads are timed", DefaultValueFactory = _ => 1000 };
        var reads = new Option<int>("--reads") { Description = "Reads per level and system (at most)", DefaultValueFactory = _ => 2000 };
        var readSeconds = new Option<int>("--read-seconds") { Description = "Time limit per level and system", DefaultValueFactory = _ => 10 };
        var writeSeconds = new Option<int>("--write-seconds") { Description = "Duration of each write-throughput run", DefaultValueFactory = _ => 10 };
        var connections = new Option<int>("--sql-connections") { Description = "Concurrent PostgreSQL writers", DefaultValueFactory = _ => 16 };
        var command = new Command("bench", "So sánh với PostgreSQL / tally reads and writes against a SQL GROUP BY and trigger counters")
        {
            postgres, LoadTestCommand.Units, LoadTestCommand.Provinces, LoadTestCommand.Hamlets, LoadTestCommand.Models,
            LoadTestCommand.Concurrency, writeRate, reads, readSeconds, writeSeconds, connections, LoadTestCommand.Report,
        };
        command.SetRunner(context, async (parse, ct) =>
        {
            var country = LoadTestCommand.LoadCountry(
                LoadTestCommand.FindUnitsFile(parse.GetValue(LoadTestCommand.Units)),
                LoadTestCommand.ParseProvinces(parse.GetValue(LoadTestCommand.Provinces)),
                parse.GetValue(LoadTestCommand.Hamlets));
            var options = new BenchOptions(
                Math.Max(1, parse.GetValue(LoadTestCommand.Models)),
                Math.Max(1, parse.GetValue(LoadTestCommand.Concurrency)),
                Math.Max(1, parse.GetValue(connections)),
                Math.Max(0, parse.GetValue(writeRate)),
                Math.Max(1, parse.GetValue(reads)),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(readSeconds))),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(writeSeconds))));
            NpgsqlDataSource dataSource;
            try
            {
                dataSource = NpgsqlDataSource.Create(parse.GetValue(postgres)!);
                await using var probe = await dataSource.OpenConnectionAsync(ct);
            }
            catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
            {
                throw new DvkException("no-postgres", $"cannot use PostgreSQL: {exception.Message} / không kết nối được PostgreSQL");
            }

            await using (dataSource)
            {
                var grains = await context.ConnectAsync(parse, ct);
                BenchReport? report = null;
                await context.Console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress => report = await new BenchRunner(grains, country, new SqlStore(dataSource), options, new LoadProgressBar(progress)).RunAsync(ct));
                BenchReportTable.Write(context.Console, report!);
                if (parse.GetValue(LoadTestCommand.Report) is { } file)
                {
                    await Json.WriteReportAsync(context, file, report!, ct);
                }

                return report!.SameNumbers ? CommandRunner.Ok : CommandRunner.Rejected;
            }
        });
        return command;
    }
}
