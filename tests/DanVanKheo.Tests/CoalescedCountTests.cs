using DanVanKheo.Client.Output;

namespace DanVanKheo.Tests;

public sealed class CoalescedCountTests
{
    [Fact]
    public void Counts_reach_the_receiver_at_most_once_per_interval_and_none_is_lost()
    {
        var clock = 1_000L;
        var handed = new List<long>();
        var count = new CoalescedCount(handed.Add, intervalMilliseconds: 100, milliseconds: () => clock);

        count.Add(1);
        Assert.Equal([1L], handed);

        // Within the interval nothing is handed on, however many counts arrive.
        for (var i = 0; i < 5_000; i++)
        {
            count.Add(2);
        }

        clock += 99;
        count.Add(3);
        Assert.Equal([1L], handed);

        // The first count after the interval takes everything pending with it.
        clock += 1;
        count.Add(4);
        Assert.Equal([1L, 10_007L], handed);

        // Flush hands on the rest at once, and nothing twice.
        count.Add(5);
        count.Flush();
        count.Flush();
        Assert.Equal([1L, 10_007L, 5L], handed);
    }

    [Fact]
    public async Task Counts_from_many_threads_add_up_exactly()
    {
        long total = 0;
        var calls = 0;
        var count = new CoalescedCount(n => { Interlocked.Add(ref total, n); Interlocked.Increment(ref calls); }, intervalMilliseconds: 1);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                count.Add(1);
            }
        })));
        count.Flush();

        Assert.Equal(800_000, Interlocked.Read(ref total));
        Assert.True(calls < 800_000, $"{calls} hand-overs for 800,000 counts: nothing was coalesced");
    }
}
