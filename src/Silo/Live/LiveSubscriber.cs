using System.Collections.Concurrent;
using System.Threading.Channels;

namespace DanVanKheo.Silo.Live;

/// <summary>
/// One browser connection. Keeps only the newest event per unit, so a slow reader skips stale snapshots
/// instead of queueing them, and never holds up the other subscribers.
/// </summary>
public sealed class LiveSubscriber
{
    private readonly ConcurrentDictionary<string, LiveEvent> _pending = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Offer(LiveEvent update)
    {
        _pending.AddOrUpdate(update.Unit, update, (_, old) => old.IsNewerThan(update) ? old : update);
        _signal.Writer.TryWrite(true);
    }

    public async IAsyncEnumerable<LiveEvent> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signal.Reader.WaitToReadAsync(cancellationToken))
        {
            _signal.Reader.TryRead(out _);
            foreach (var unit in _pending.Keys.Order(StringComparer.Ordinal).ToArray())
            {
                if (_pending.TryRemove(unit, out var update))
                {
                    yield return update;
                }
            }
        }
    }
}
