using System.CommandLine;
using DanVanKheo.Client.Output;
using DanVanKheo.Client.Reconcile;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk reconcile [UNIT] [--repair]</c>: recompute tallies from the stored model records and compare.</summary>
public static class ReconcileCommand
{
    private const int Concurrency = 32;

    public static Command Create(CliContext context)
    {
        var unit = new Argument<string>("UNIT") { Description = "Root of the subtree to check (default VN, the whole country)", DefaultValueFactory = _ => Rules.NationalCode };
        var repair = new Option<bool>("--repair") { Description = "Fix every difference found, then check again" };
        var settle = new Option<int>("--settle-seconds") { Description = "After a repair, how long to wait for the roll-up to settle", DefaultValueFactory = _ => 60 };
        var command = new Command("reconcile", "Đối soát số liệu với hồ sơ mô hình / recompute tallies from stored models, print (and --repair) differences") { unit, repair, settle };
        command.SetRunner(context, async (parse, ct) =>
        {
            var root = Rules.NormalizeUnitCode(parse.GetValue(unit));
            var grains = await context.ConnectAsync(parse, ct);
            var result = await Reconciler.CheckAsync(grains, root, Concurrency, ct);
            Print(context.Console, result);
            if (result.Differences.Count == 0 || !parse.GetValue(repair))
            {
                return result.Differences.Count == 0 ? CommandRunner.Ok : CommandRunner.Rejected;
            }

            context.Console.MarkupLine("Đang sửa / repairing…");
            await Reconciler.RepairAsync(grains, result.Differences, Concurrency, ct);
            var deadline = DateTime.UtcNow.AddSeconds(parse.GetValue(settle));
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                result = await Reconciler.CheckAsync(grains, root, Concurrency, ct);
            }
            while (result.Differences.Count > 0 && DateTime.UtcNow < deadline);

            context.Console.MarkupLine("Sau khi sửa / after repair:");
            Print(context.Console, result);
            return result.Differences.Count == 0 ? CommandRunner.Ok : CommandRunner.Rejected;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, Reconciler.Result result)
    {
        foreach (var d in result.Differences)
        {
            console.MarkupLineInterpolated($"[red]{d.Unit}[/]{(d.ModelId is null ? "" : " / " + d.ModelId)}: {d.Description}");
        }

        var source = result.FromStorage ? "grain storage" : "unit model lists (in-memory storage cannot be listed)";
        console.MarkupLine(
            $"Đối soát / reconciled {Numbers.Format(result.Units)} units, {Numbers.Format(result.Models)} models from {source}: " +
            $"[{(result.Differences.Count == 0 ? "green" : "red")}]{Numbers.Format(result.Differences.Count)}[/] differences / chênh lệch.");
    }
}
