using DanVanKheo.Client.Commands;

namespace DanVanKheo.Tests;

public sealed class NewestUpdatesTests
{
    private const long Snapshot = 5;
    private static readonly DateTimeOffset SnapshotTime = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static TallyUpdate Update(long version, int secondsAfterSnapshot) =>
        new("P", version, Tally.Empty, SnapshotTime.AddSeconds(secondsAfterSnapshot));

    [Fact]
    public void Updates_arriving_out_of_order_never_roll_the_figures_back()
    {
        var newest = new NewestUpdates(Snapshot);

        // As CI once saw them arrive: version 21 before version 1.
        bool[] accepted = [newest.Accept(Update(21, 2)), newest.Accept(Update(1, 1)), newest.Accept(Update(30, 3)), newest.Accept(Update(30, 3))];

        Assert.Equal([true, false, true, false], accepted);
    }

    [Fact]
    public void An_update_the_snapshot_already_includes_is_dropped()
    {
        var newest = new NewestUpdates(Snapshot);

        Assert.False(newest.Accept(Update(4, -1)));
        Assert.False(newest.Accept(Update(Snapshot, 0)));
        Assert.True(newest.Accept(Update(6, 0)));
    }

    [Fact]
    public void Order_follows_versions_not_the_clock_that_stamped_them()
    {
        var newest = new NewestUpdates(Snapshot);

        // A unit re-activated on a silo whose clock is a minute behind: later versions, earlier times.
        Assert.True(newest.Accept(Update(Snapshot + (1L << 32), -60)));
        Assert.False(newest.Accept(Update(Snapshot + 1, 1)));
    }
}
