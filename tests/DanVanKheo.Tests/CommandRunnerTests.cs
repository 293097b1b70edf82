using DanVanKheo.Client.Commands;

namespace DanVanKheo.Tests;

public sealed class CommandRunnerTests
{
    [Fact]
    public async Task An_unexpected_exception_gives_one_line_naming_it_and_exit_code_2_without_a_stack_trace()
    {
        var cli = new CliRunner((_, _) => throw new InvalidOperationException("the connection factory broke"));

        var (exitCode, output) = await cli.RunAsync("tally", "VN");

        Assert.Equal(CommandRunner.Failed, exitCode);
        Assert.Contains("unexpected error (InvalidOperationException): the connection factory broke", output);
        Assert.Contains("DVK_DEBUG=1", output);
        Assert.DoesNotContain(" at DanVanKheo.", output);
    }
}
