using System.CommandLine;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary>Runs a command body and turns refusals into a clear message and an exit code.</summary>
public static class CommandRunner
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Failed = 2;

    /// <summary>Set to 1 to see the stack trace of an unexpected error.</summary>
    public const string DebugVariable = "DVK_DEBUG";

    public static void SetRunner(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await body(parseResult, cancellationToken);
            }
            catch (DvkException exception)
            {
                context.Console.MarkupLineInterpolated($"[red]Lỗi / error ({exception.Problem}):[/] {exception.Message}");
                return Failed;
            }
            catch (IOException exception)
            {
                context.Console.MarkupLineInterpolated($"[red]Lỗi / error:[/] {exception.Message}");
                return Failed;
            }
            catch (Exception exception) when (exception is TimeoutException or Orleans.Runtime.OrleansException or UnauthorizedAccessException)
            {
                // The cluster (or a file) failed us, not the input: say so in one line, without a stack trace.
                context.Console.MarkupLineInterpolated($"[red]Lỗi / error ({exception.GetType().Name}):[/] {exception.Message} / hệ thống không phản hồi, hãy thử lại");
                return Failed;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Something dvk did not expect (a fault of its own, most likely): one line for the person at the
                // terminal, the stack trace only when asked for, so a bug report can still carry it.
                context.Console.MarkupLineInterpolated($"[red]Lỗi không mong đợi / unexpected error ({exception.GetType().Name}):[/] {exception.Message}");
                if (Environment.GetEnvironmentVariable(DebugVariable) is "1" or "true")
                {
                    context.Console.WriteLine(exception.ToString());
                }
                else
                {
                    context.Console.MarkupLineInterpolated($"Đặt {DebugVariable}=1 để xem chi tiết / set {DebugVariable}=1 for the stack trace");
                }

                return Failed;
            }
        });
}
