using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace DanVanKheo.Silo.Live;

/// <summary>
/// Fans tally changes out to browsers: one <see cref="UnitWatch"/> per watched unit in this host, shared by
/// every connection that watches it, dropped when the last one leaves.
/// </summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private readonly Dictionary<string, Task<UnitWatch?>> _watches = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly IOptions<LiveOptions> _options;
    private readonly ILogger<LiveFeed> _logger;
    private int _connections;

    public LiveFeed(IGrainFactory grains, IOptions<LiveOptions> options, ILogger<LiveFeed> logger, IMeterFactory meters)
    {
        _grains = grains;
        _options = options;
        _logger = logger;
        var meter = meters.Create("DanVanKheo");
        meter.CreateObservableGauge("dvk.live.connections", () => Connections, description: "Open live-feed (SSE) connections on this host");
        meter.CreateObservableGauge("dvk.live.watched_units", () => WatchedUnits, description: "Units this host observes for its live-feed connections");
    }

    public int Connections => Volatile.Read(ref _connections);

    public int WatchedUnits
    {
        get
        {
            lock (_watches)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Null when a unit does not exist; otherwise the subscriber has each unit's snapshot queued.</summary>
    public async Task<LiveSubscriber?> JoinAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var subscriber = new LiveSubscriber();
        var joined = new List<UnitWatch>();
        foreach (var code in codes)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = await WatchAsync(code);
                if (watch is null)
                {
                    await LeaveAsync(subscriber, joined);
                    return null;
                }

                // Added under the lock that removes idle watches, so a watch being dropped is never joined.
                lock (_watches)
                {
                    if (_watches.TryGetValue(code, out var current) && current.IsCompletedSuccessfully && current.Result == watch)
                    {
                        watch.Add(subscriber);
                        joined.Add(watch);
                        break;
                    }
                }
            }
        }

        foreach (var watch in joined)
        {
            await watch.RefreshAsync();
        }

        Interlocked.Increment(ref _connections);
        return subscriber;
    }

    public async Task LeaveAsync(LiveSubscriber subscriber, IReadOnlyList<string> codes)
    {
        var watches = new List<UnitWatch>();
        foreach (var code in codes)
        {
            Task<UnitWatch?>? task;
            lock (_watches)
            {
                _watches.TryGetValue(code, out task);
            }

            if (task is { IsCompletedSuccessfully: true, Result: { } watch })
            {
                watches.Add(watch);
            }
        }

        Interlocked.Decrement(ref _connections);
        await LeaveAsync(subscriber, watches);
    }

    public async ValueTask DisposeAsync()
    {
        Task<UnitWatch?>[] all;
        lock (_watches)
        {
            all = [.. _watches.Values];
            _watches.Clear();
        }

        foreach (var task in all)
        {
            if (task is { IsCompletedSuccessfully: true, Result: { } watch })
            {
                await watch.DisposeAsync();
            }
        }
    }

    private Task<UnitWatch?> WatchAsync(string code)
    {
        lock (_watches)
        {
            if (!_watches.TryGetValue(code, out var task) || task.IsFaulted || task is { IsCompletedSuccessfully: true, Result: null })
            {
                task = UnitWatch.StartAsync(_grains, _logger, code, _options.Value.Resubscribe);
                _watches[code] = task;
            }

            return task;
        }
    }

    private async Task LeaveAsync(LiveSubscriber subscriber, IEnumerable<UnitWatch> watches)
    {
        foreach (var watch in watches)
        {
            UnitWatch? idle = null;
            lock (_watches)
            {
                if (watch.Remove(subscriber) == 0 && _watches.TryGetValue(watch.Code, out var task) && task.IsCompletedSuccessfully && task.Result == watch)
                {
                    _watches.Remove(watch.Code);
                    idle = watch;
                }
            }

            if (idle is not null)
            {
                await idle.DisposeAsync();
            }
        }
    }
}
