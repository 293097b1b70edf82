namespace DanVanKheo.Silo.Live;

/// <summary>
/// The host's single observer of one unit: subscribed once, however many browsers watch the unit, and
/// re-subscribed every <see cref="LiveOptions.Resubscribe"/> (the grain forgets observers after 2 minutes).
/// </summary>
public sealed class UnitWatch : ITallyObserver, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    private readonly HashSet<LiveSubscriber> _subscribers = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private ITallyObserver? _reference;
    private UnitDefinition _definition;
    private LiveEvent _latest;
    private Task? _resubscribeLoop;

    private UnitWatch(IGrainFactory grains, ILogger logger, UnitInfo info)
    {
        _grains = grains;
        _logger = logger;
        _definition = info.Definition;
        _latest = Snapshot(info);
    }

    public string Code => _definition.Code;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    public static async Task<UnitWatch?> StartAsync(IGrainFactory grains, ILogger logger, string code, TimeSpan resubscribe)
    {
        var unit = grains.GetGrain<IUnitGrain>(code);
        var info = await unit.GetInfo();
        if (info is null)
        {
            return null;
        }

        var watch = new UnitWatch(grains, logger, info);
        watch._reference = grains.CreateObjectReference<ITallyObserver>(watch);
        await unit.Subscribe(watch._reference);

        // Read again after subscribing: a change between the first read and the subscription is not lost.
        if (await unit.GetInfo() is { } fresh)
        {
            watch.Accept(Snapshot(fresh));
        }

        watch._resubscribeLoop = watch.ResubscribeAsync(resubscribe);
        return watch;
    }

    public void Add(LiveSubscriber subscriber)
    {
        LiveEvent latest;
        lock (_lock)
        {
            _subscribers.Add(subscriber);
            latest = _latest;
        }

        subscriber.Offer(latest);
    }

    public int Remove(LiveSubscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
            return _subscribers.Count;
        }
    }

    public void OnTally(TallyUpdate update)
    {
        Accept(Snapshot(new UnitInfo(_definition, update.Tally, update.AsOf, 0, 0, null, update.Version)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_resubscribeLoop is not null)
        {
            await _resubscribeLoop;
        }

        if (_reference is not null)
        {
            try
            {
                await _grains.GetGrain<IUnitGrain>(Code).Unsubscribe(_reference);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LiveLog.UnsubscribeFailed(_logger, exception, Code);
            }

            _grains.DeleteObjectReference<ITallyObserver>(_reference);
        }

        _stop.Dispose();
    }

    /// <summary>Reads the grain again, so that a joining browser starts from the grain's state, not this cache.</summary>
    public async Task RefreshAsync()
    {
        if (await _grains.GetGrain<IUnitGrain>(Code).GetInfo() is { } info)
        {
            Accept(Snapshot(info));
        }
    }

    /// <summary>Keeps and forwards only snapshots newer than the last (by version, see UnitInfo.Version).</summary>
    private void Accept(LiveEvent update)
    {
        LiveSubscriber[] targets;
        lock (_lock)
        {
            if (!update.IsNewerThan(_latest))
            {
                return;
            }

            _latest = update;
            targets = [.. _subscribers];
        }

        foreach (var subscriber in targets)
        {
            subscriber.Offer(update);
        }
    }

    private async Task ResubscribeAsync(TimeSpan every)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    var unit = _grains.GetGrain<IUnitGrain>(Code);
                    await unit.Subscribe(_reference!);
                    if (await unit.GetInfo() is { } info)
                    {
                        _definition = info.Definition;
                        Accept(Snapshot(info));
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LiveLog.ResubscribeFailed(_logger, exception, Code);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the last browser left or the host is shutting down.
        }
    }

    private static LiveEvent Snapshot(UnitInfo info) =>
        new(info.Code, info.Version, TallyDocument.Of(info), Api.TallyViews.ByYear(info.Tally));
}
