using System.CommandLine;
using DanVanKheo.Client.Output;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk tally UNIT [--from YEAR] [--to YEAR] [--json]</c>.</summary>
public static class TallyCommand
{
    public static readonly Option<int?> From = new("--from") { Description = "First registration year counted" };
    public static readonly Option<int?> To = new("--to") { Description = "Last registration year counted" };
    public static readonly Option<bool> AsJson = new("--json") { Description = "Print JSON instead of a table" };
    public static readonly Option<bool> Watch = new("--watch") { Description = "Keep printing the live tally as it changes (JSON lines with --json)" };
    public static readonly Option<TimeSpan?> For = new("--for") { Description = "With --watch: stop after this time (e.g. 00:00:30); default until Ctrl+C" };

    public static Command Create(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Unit code (VN for the whole country)" };
        var command = new Command("tally", "Số mô hình của một đơn vị và cấp dưới / a unit's live tally") { unit, From, To, AsJson, Watch, For };
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
            if (parse.GetValue(Watch))
            {
                return await TallyWatch.RunAsync(context, grains, info, from, to, parse.GetValue(AsJson), parse.GetValue(For), ct);
            }

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
