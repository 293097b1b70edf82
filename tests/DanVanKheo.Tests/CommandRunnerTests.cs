using DanVanKheo.Client;
using DanVanKheo.Client.Commands;
using Spectre.Console;

namespace DanVanKheo.Tests;

public sealed class CommandRunnerTests
{
    [Fact]
    public async Task An_unexpected_exception_gives_one_line_naming_it_and_exit_code_2_without_a_stack_trace()
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
        var context = new CliContext(console, (_, _) => throw new InvalidOperationException("the connection factory broke"));

        var exitCode = await DvkCli.RunAsync(context, ["tally", "VN"]);

        var output = writer.ToString();
        Assert.Equal(CommandRunner.Failed, exitCode);
        Assert.Contains("unexpected error (InvalidOperationException): the connection factory broke", output);
        Assert.Contains("DVK_DEBUG=1", output);
        Assert.DoesNotContain(" at DanVanKheo.", output);
    }
}
