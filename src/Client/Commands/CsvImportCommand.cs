using System.CommandLine;
using DanVanKheo.Client.Http;
using DanVanKheo.Client.Output;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// The shape every CSV import command shares (units, models, merge lists): read the file, connect, import with a
/// progress bar, print each refused row with its line; exit code 1 when a row was refused. With <c>--api</c>, an import
/// that has a bulk endpoint (<paramref name="overApi"/>) sends the file there in parts instead of one request per row.
/// </summary>
internal static class CsvImportCommand
{
    public static Command Create<T>(
        CliContext context,
        string name,
        string description,
        string[] columns,
        Func<TextReader, IEnumerable<CsvRow<T>>> read,
        Func<IGrainFactory, IReadOnlyList<CsvRow<T>>, Action<int>, CancellationToken, Task<ImportReport>> import,
        string phase,
        string what,
        Func<ApiClient, string, IReadOnlyList<CsvRow<T>>, Action<int>, CancellationToken, Task<ImportReport>>? overApi = null)
        where T : class
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV: " + string.Join(',', columns) };
        var command = new Command(name, description) { file };
        command.SetRunner(context, async (parse, ct) =>
        {
            var text = await CsvText.ReadFileAsync(parse.GetValue(file)!.FullName, ct);
            var rows = read(new StringReader(text)).ToList();
            var grains = await context.ConnectAsync(parse, ct);
            var report = await ImportProgress.RunAsync(context.Console, phase, rows.Count, progress =>
                grains is HttpGrainFactory http && overApi is not null ? overApi(http.Api, text, rows, progress, ct) : import(grains, rows, progress, ct));
            return ImportProgress.Print(context.Console, report, what);
        });
        return command;
    }
}
