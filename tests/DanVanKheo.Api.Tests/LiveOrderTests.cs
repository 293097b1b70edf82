using DanVanKheo.Silo.Live;

namespace DanVanKheo.Api.Tests;

/// <summary>
/// Which of two snapshots of a unit the live feed keeps: the higher version, whatever the clocks say (a unit re-activated
/// on a silo whose clock is behind stamps later updates with earlier times).
/// </summary>
public sealed class LiveOrderTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static LiveEvent Event(long version, DateTimeOffset asOf, int models)
    {
        var tally = new TallyBuilder().Add(new Contribution(2020, 1), models).ToTally();
        var info = new UnitInfo(new UnitDefinition("P1", "Tỉnh Một", Level.Province, "Tỉnh", null), tally, asOf, 0, 0, null, version);
        return new LiveEvent("P1", version, TallyDocument.Of(info), []);
    }

    [Fact]
    public void A_higher_version_is_newer_even_when_its_clock_is_behind()
    {
        var before = Event(7, Noon, 1);
        var afterOnASlowClock = Event(7 + (1L << 32), Noon.AddMinutes(-1), 2);
        Assert.True(afterOnASlowClock.IsNewerThan(before));
        Assert.False(before.IsNewerThan(afterOnASlowClock));

        // Same version: a later read of the same activation is newer; an equal one is not.
        Assert.True(Event(7, Noon.AddSeconds(1), 1).IsNewerThan(before));
        Assert.False(Event(7, Noon, 1).IsNewerThan(before));
    }

    [Fact]
    public async Task A_subscriber_keeps_the_newest_version_when_snapshots_arrive_out_of_order()
    {
        var subscriber = new LiveSubscriber();
        subscriber.Offer(Event(9 + (1L << 32), Noon.AddMinutes(-1), 3));
        subscriber.Offer(Event(9, Noon, 2));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var update in subscriber.ReadAllAsync(stop.Token))
        {
            Assert.Equal(9 + (1L << 32), update.Version);
            Assert.Equal(3, update.Tally.Total);
            break;
        }
    }
}
