using System.Text;
using DanVanKheo.Client;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
ClusterConnection? connection = null;
var context = new CliContext(AnsiConsole.Console, async (parseResult, cancellationToken) =>
{
    connection ??= await ClusterConnection.ConnectAsync(
        parseResult.GetValue(GlobalOptions.Gateway) ?? [],
        parseResult.GetValue(GlobalOptions.Postgres),
        parseResult.GetValue(GlobalOptions.ClusterId)!,
        parseResult.GetValue(GlobalOptions.ServiceId)!,
        cancellationToken);
    return connection.Client;
});

try
{
    return await DvkCli.RunAsync(context, args);
}
finally
{
    if (connection is not null)
    {
        await connection.DisposeAsync();
    }
}
