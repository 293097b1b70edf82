using System.Text;
using DanVanKheo.Client;
using DanVanKheo.Client.Http;
using Spectre.Console;

Console.OutputEncoding = Encoding.UTF8;
ClusterConnection? connection = null;
HttpGrainFactory? api = null;
var context = new CliContext(AnsiConsole.Console, async (parseResult, cancellationToken) =>
{
    if (api is not null || (api = HttpGrainFactory.FromOptions(parseResult)) is not null)
    {
        return api;
    }

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
    api?.Api.Dispose();
    if (connection is not null)
    {
        await connection.DisposeAsync();
    }
}

/// <summary>Kept internal: the ASP.NET Core framework this client pulls in for telemetry would otherwise make it public and clash with the silo's Program in tests.</summary>
internal partial class Program;
