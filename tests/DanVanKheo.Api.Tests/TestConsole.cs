using Spectre.Console;

namespace DanVanKheo.Api.Tests;

/// <summary>A console for running dvk commands in-process: plain text into a writer the test reads afterwards.</summary>
public static class TestConsole
{
    public static IAnsiConsole Create(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
