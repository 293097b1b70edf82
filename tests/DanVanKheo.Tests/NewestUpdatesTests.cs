using DanVanKheo.Client.Commands;

namespace DanVanKheo.Tests;

public sealed class NewestUpdatesTests
{
    private static readonly DateTimeOffset Snapshot = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private static TallyUpdate Update(long version, int secondsAfterSnapshot) =>
        new("P", version, Tally.Empty, Snapshot.AddSeconds(secondsAfterSnapshot));

    [Fact]
    public void Updates_arriving_out_of_order_never_roll_the_figures_back()
    {
        var newest = new NewestUpdates(Snapshot);

        // As CI once saw them arrive: version 21 before version 1.
        bool[] accepted = [newest.Accept(Update(21, 2)), newest.Accept(Update(1, 1)), newest.Accept(Update(30, 3)), newest.Accept(Update(30, 3))];

        Assert.Equal([true, false, true, false], accepted);
    }

    [Fact]
    public void An_update_older_than_the_snapshot_is_dropped()
    {
        var newest = new NewestUpdates(Snapshot);

        Assert.False(newest.Accept(Update(5, -1)));
        Assert.True(newest.Accept(Update(6, 0)));
    }
}
