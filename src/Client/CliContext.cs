using System.CommandLine;
using Spectre.Console;

namespace DanVanKheo.Client;

/// <summary>
/// What a command needs from outside: where to write and how to reach the cluster. Tests pass a
/// cluster client of their own and capture the console.
/// </summary>
public sealed class CliContext(IAnsiConsole console, Func<ParseResult, CancellationToken, Task<IGrainFactory>> connect)
{
    public IAnsiConsole Console { get; } = console;

    public Task<IGrainFactory> ConnectAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        connect(parseResult, cancellationToken);
}
