using System.CommandLine;
using System.Text.Json;
using DanVanKheo.Client;
using Spectre.Console;

namespace DanVanKheo.Tests;

/// <summary>Runs <c>dvk</c> commands in-process against the test cluster and captures what they print.</summary>
public sealed class CliRunner(Func<ParseResult, CancellationToken, Task<IGrainFactory>> connect)
{
    public CliRunner(IGrainFactory grains)
        : this((_, _) => Task.FromResult(grains))
    {
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (run, _) = Start(args);
        return await run;
    }

    /// <summary>Starts a command and gives access to what it has printed so far, for commands that keep running.</summary>
    public (Task<(int ExitCode, string Output)> Run, Func<string> OutputSoFar) Start(params string[] args)
    {
        var writer = new SynchronizedStringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var context = new CliContext(console, connect);
        async Task<(int, string)> RunAsync()
        {
            var exitCode = await DvkCli.RunAsync(context, args);
            return (exitCode, writer.ToString());
        }

        return (RunAsync(), writer.ToString);
    }

    /// <summary>A StringWriter a test may read while the command writes.</summary>
    private sealed class SynchronizedStringWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                base.Write(buffer, index, count);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    public async Task<JsonElement> TallyAsync(string unit, params string[] extra)
    {
        var (exitCode, output) = await RunAsync(["tally", unit, "--json", .. extra]);
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement;
    }
}
