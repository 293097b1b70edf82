using System.CommandLine;
using DanVanKheo.Client.Output;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk tally UNIT [--from YEAR] [--to YEAR] [--json]</c>.</summary>
public static class TallyCommand
{
    public static readonly Option<int?> From = new("--from") { Description = "First registration year counted" };
    public static readonly Option<int?> To = new("--to") { Description = "Last registration year counted" };
    public static readonly Option<bool> AsJson = new("--json") { Description = "Print JSON instead of a table" };

    public static Command Create(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit code (VN for the whole country)" };
        var command = new Command("tally", "Số mô hình của một đơn vị và cấp dưới / a unit's live tally") { unit, From, To, AsJson };
        command.SetRunner(context, async (parse, ct) =>
        {
            var (from, to) = (parse.GetValue(From), parse.GetValue(To));
            if (from > to)
            {
                throw new DvkException("bad-range", $"--from {from} is after --to {to}");
            }

            var grains = await context.ConnectAsync(parse, ct);
            var code = Rules.NormalizeUnitCode(parse.GetValue(unit));
            var info = await grains.GetGrain<IUnitGrain>(code).GetInfo() ?? throw DvkException.NotFound("unit", code);
            var document = TallyDocument.Of(info, from, to);
            if (parse.GetValue(AsJson))
            {
                Json.Write(context, document);
            }
            else
            {
                TallyTable.Write(context.Console, document);
            }

            return CommandRunner.Ok;
        });
        return command;
    }
}
