using System.CommandLine;
using DanVanKheo.Import.Csv;
using DanVanKheo.Import;
using DanVanKheo.Client.Http;
using DanVanKheo.Client.Output;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk units import|show|merge|move|import-merges</c>.</summary>
public static class UnitsCommands
{
    public static Command Create(CliContext context)
    {
        var units = new Command("units", "Đơn vị hành chính / administrative units");
        units.Subcommands.Add(Import(context));
        units.Subcommands.Add(Show(context));
        units.Subcommands.Add(Move(context));
        units.Subcommands.Add(Merge(context));
        units.Subcommands.Add(ImportMerges(context));
        return units;
    }

    private static Command Import(CliContext context) => CsvImportCommand.Create(
        context,
        "import",
        "Nhập danh sách đơn vị / import units from CSV (idempotent)",
        UnitCsv.Columns,
        UnitCsv.Read,
        (grains, rows, progress, ct) => UnitImporter.ImportAsync(grains, rows, progress, cancellationToken: ct),
        "Nhập đơn vị / units",
        "đơn vị / units",
        (api, text, rows, progress, ct) => ApiCsvImport.UnitsAsync(api, text, rows, progress, ct));

    private static Command Show(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit code" };
        var command = new Command("show", "Xem đơn vị và các đơn vị trực thuộc / a unit and its children") { unit, TallyCommand.From, TallyCommand.To, TallyCommand.AsJson };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var code = Rules.NormalizeUnitCode(parse.GetValue(unit));
            var grain = grains.GetGrain<IUnitGrain>(code);
            var info = await grain.GetInfo() ?? throw DvkException.NotFound("unit", code);
            var children = await grain.GetChildren();
            var (from, to) = (parse.GetValue(TallyCommand.From), parse.GetValue(TallyCommand.To));
            var document = TallyDocument.Of(info, from, to);
            if (parse.GetValue(TallyCommand.AsJson))
            {
                Json.Write(context, new
                {
                    unit = document,
                    children = children.Select(c => new { code = c.Code, name = c.Name, level = c.Level.Code(), total = c.Tally.Summarize(from, to).Total }),
                });
            }
            else
            {
                TallyTable.Write(context.Console, document, children);
            }

            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Move(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit to move" };
        var parent = new Argument<string>("NEW_PARENT") { Description = "Its new parent unit" };
        var command = new Command("move", "Chuyển đơn vị sang cấp trên mới / move a unit to a new parent") { unit, parent };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var code = Rules.NormalizeUnitCode(parse.GetValue(unit));
            var grain = grains.GetGrain<IUnitGrain>(code);
            var info = await grain.GetInfo() ?? throw DvkException.NotFound("unit", code);
            var moved = await grain.Define(info.Definition with { ParentCode = Rules.NormalizeUnitCode(parse.GetValue(parent)) });
            context.Console.MarkupLineInterpolated($"[green]Đã chuyển / moved[/] {moved.Definition.Name} ({moved.Code}) → {moved.Definition.ParentCode}");
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Merge(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit that is merged and retired" };
        var survivor = new Argument<string>("INTO") { Description = "Unit that receives its children and models" };
        var command = new Command("merge", "Sáp nhập đơn vị / merge a unit into another of the same level") { unit, survivor };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var code = Rules.NormalizeUnitCode(parse.GetValue(unit));
            var merged = await grains.GetGrain<IUnitGrain>(code).MergeInto(parse.GetValue(survivor)!);
            context.Console.MarkupLineInterpolated($"[green]Đã sáp nhập / merged[/] {merged.Definition.Name} ({merged.Code}) → {merged.MergedInto}");
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command ImportMerges(CliContext context) => CsvImportCommand.Create(
        context,
        "import-merges",
        "Áp dụng danh sách sáp nhập / apply a CSV list of merges, in file order",
        MergeCsv.Columns,
        MergeCsv.Read,
        MergeImporter.ImportAsync,
        "Sáp nhập / merges",
        "sáp nhập / merges",
        (api, text, rows, progress, ct) => ApiCsvImport.MergesAsync(api, text, rows, progress, ct));
}
