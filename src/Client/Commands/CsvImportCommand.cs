using System.CommandLine;
using System.Text;
using DanVanKheo.Client.Output;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// The shape every CSV import command shares (units, models, merge lists): read the file, connect, import with a
/// progress bar, print each refused row with its line; exit code 1 when a row was refused.
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
        string what)
        where T : class
    {
        var file = new Argument<FileInfo>("FILE") { Description = "CSV: " + string.Join(',', columns) };
        var command = new Command(name, description) { file };
        command.SetRunner(context, async (parse, ct) =>
        {
            using var reader = new StreamReader(parse.GetValue(file)!.FullName, Encoding.UTF8);
            var rows = read(reader).ToList();
            var grains = await context.ConnectAsync(parse, ct);
            var report = await ImportProgress.RunAsync(context.Console, phase, rows.Count, progress => import(grains, rows, progress, ct));
            return ImportProgress.Print(context.Console, report, what);
        });
        return command;
    }
}
