using System.CommandLine;
using DanVanKheo.Client.Commands;

namespace DanVanKheo.Client;

/// <summary>The <c>dvk</c> command tree; <c>Program</c> runs it against a real cluster, tests against theirs.</summary>
public static class DvkCli
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("dvk — quản lý mô hình \"Dân vận khéo\" / manage and tally \"Dân vận khéo\" models")
        {
            GlobalOptions.Gateway,
            GlobalOptions.Postgres,
            GlobalOptions.ClusterId,
            GlobalOptions.ServiceId,
            GlobalOptions.Api,
            GlobalOptions.Token,
        };
        root.Subcommands.Add(UnitsCommands.Create(context));
        root.Subcommands.Add(ModelsCommands.Create(context));
        root.Subcommands.Add(TallyCommand.Create(context));
        root.Subcommands.Add(LiveBenchCommand.Create(context));
        root.Subcommands.Add(ReconcileCommand.Create(context));
        root.Subcommands.Add(BenchmarkCommand.Create(context));
        root.Subcommands.Add(LoadTestCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        return root;
    }

    public static async Task<int> RunAsync(CliContext context, string[] args)
    {
        var root = Build(context);
        return await root.Parse(args).InvokeAsync();
    }
}
