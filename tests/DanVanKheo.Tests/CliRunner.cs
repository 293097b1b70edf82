using System.Text.Json;
using DanVanKheo.Client;
using Spectre.Console;

namespace DanVanKheo.Tests;

/// <summary>Runs <c>dvk</c> commands in-process against the test cluster and captures what they print.</summary>
public sealed class CliRunner(IGrainFactory grains)
{
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var context = new CliContext(console, (_, _) => Task.FromResult(grains));
        var exitCode = await DvkCli.RunAsync(context, args);
        return (exitCode, writer.ToString());
    }

    public async Task<JsonElement> TallyAsync(string unit, params string[] extra)
    {
        var (exitCode, output) = await RunAsync(["tally", unit, "--json", .. extra]);
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement;
    }
}
