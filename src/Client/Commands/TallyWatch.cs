using System.Text.Json;
using System.Threading.Channels;
using DanVanKheo.Client.Output;

namespace DanVanKheo.Client.Commands;

/// <summary>
/// <c>dvk tally UNIT --watch</c>: subscribes to the unit's live tally and prints a line per update (JSON
/// lines with <c>--json</c>), each with the time it arrived, until the time given by <c>--for</c> or Ctrl+C.
/// </summary>
public static class TallyWatch
{
    public static async Task<int> RunAsync(CliContext context, IGrainFactory grains, UnitInfo info, int? from, int? to, bool json, TimeSpan? duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
        {
            stop.CancelAfter(d);
        }

        var updates = Channel.CreateUnbounded<TallyUpdate>();
        var observer = new Observer(updates.Writer);
        var reference = grains.CreateObjectReference<ITallyObserver>(observer);
        var unit = grains.GetGrain<IUnitGrain>(info.Code);
        await unit.Subscribe(reference);
        Print(context, info, info.Tally, info.AsOf, from, to, json);
        using var renew = new PeriodicTimer(TimeSpan.FromSeconds(60));
        var renewing = RenewAsync(renew, unit, reference, stop.Token);
        try
        {
            var newest = new NewestUpdates(info.Version);
            await foreach (var update in updates.Reader.ReadAllAsync(stop.Token))
            {
                if (newest.Accept(update))
                {
                    Print(context, info, update.Tally, update.AsOf, from, to, json);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // --for elapsed or Ctrl+C: a normal end.
        }

        finally
        {
            await unit.Unsubscribe(reference);
            grains.DeleteObjectReference<ITallyObserver>(reference);

            // Orleans holds observers weakly: without this the collector may take it while we listen.
            GC.KeepAlive(observer);
        }

        await renewing;
        return CommandRunner.Ok;
    }

    private static readonly JsonSerializerOptions JsonLines = new(Json.Options) { WriteIndented = false };

    private static async Task RenewAsync(PeriodicTimer timer, IUnitGrain unit, ITallyObserver reference, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // The unit forgets observers after two minutes.
                await unit.Subscribe(reference);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static void Print(CliContext context, UnitInfo info, Tally tally, DateTimeOffset asOf, int? from, int? to, bool json)
    {
        var document = TallyDocument.Of(info with { Tally = tally, AsOf = asOf }, from, to);
        var received = DateTimeOffset.Now;
        var writer = context.Console.Profile.Out.Writer;
        if (json)
        {
            writer.WriteLine(JsonSerializer.Serialize(new { received, tally = document }, JsonLines));
        }
        else
        {
            var fields = string.Join(", ", Enum.GetValues<Field>().Select(f => $"{f.Vietnamese()} {Numbers.Format(document.ByField[f.Code()])}"));
            writer.WriteLine($"{received:HH:mm:ss.fff}  {document.Name}: {Numbers.Format(document.Total)} mô hình / models ({fields}); điển hình / exemplars {Numbers.Format(document.Exemplars)}");
        }

        writer.Flush();
    }

    private sealed class Observer(ChannelWriter<TallyUpdate> writer) : ITallyObserver
    {
        public void OnTally(TallyUpdate update) => writer.TryWrite(update);
    }
}
