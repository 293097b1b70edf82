using System.CommandLine;
using System.Text;
using DanVanKheo.Client.Output;
using DanVanKheo.Client.Reconcile;
using DanVanKheo.Import.Csv;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk models export UNIT FILE.csv</c>: every model under a unit, in the import format.</summary>
public static class ModelsExportCommand
{
    public static Command Create(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit whose subtree is exported (VN: everything)" };
        var file = new Argument<FileInfo>("FILE") { Description = "CSV file to write (UTF-8)" };
        var command = new Command("export", "Xuất mô hình ra CSV / export every model under a unit (round-trips through import)") { unit, file };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var tree = await UnitTree.LoadAsync(grains, Rules.NormalizeUnitCode(parse.GetValue(unit)), 32, ct);
            var (models, _) = await StoredModelSource.LoadAsync(grains, tree, 32, ct);
            var under = models.Where(m => tree.Units.ContainsKey(m.Unit)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var path = parse.GetValue(file)!.FullName;
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                ModelCsv.Write(writer, under);
            }

            context.Console.MarkupLineInterpolated($"Đã xuất / exported {Numbers.Format(under.Count)} mô hình / models to {path}");
            return CommandRunner.Ok;
        });
        return command;
    }
}
