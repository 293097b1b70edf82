using System.Diagnostics;

namespace DanVanKheo.Client.Load;

/// <summary>
/// Roll-up lag, seen the way a leader's dashboard sees it: through the live subscription of the
/// national unit. Probe models are ordinary registrations with a registration year no other generated
/// model has, so the national count for that year is the number of probes the national tally includes.
/// The k-th acknowledged probe is taken as visible when a pushed national tally first counts k probes.
/// </summary>
public sealed class LagProbes : ITallyObserver
{
    private static readonly int ProbeCounter = Counter.Active(Field.Economy, ModelKind.Collective);

    private readonly object _gate = new();
    private readonly List<long> _acks = [];
    private readonly List<(long At, int Count)> _seen = [];
    private readonly int _baseline;

    public LagProbes(Tally nationalBefore) => _baseline = nationalBefore.Get(ModelMix.ProbeYear, ProbeCounter);

    public long Pushes { get; private set; }

    public void OnTally(TallyUpdate update)
    {
        var now = Stopwatch.GetTimestamp();
        var count = update.Tally.Get(ModelMix.ProbeYear, ProbeCounter) - _baseline;
        lock (_gate)
        {
            Pushes++;
            if (_seen.Count == 0 || count > _seen[^1].Count)
            {
                _seen.Add((now, count));
            }
        }
    }

    public void Acknowledged(long timestamp)
    {
        lock (_gate)
        {
            _acks.Add(timestamp);
        }
    }

    public int Acknowledgements
    {
        get
        {
            lock (_gate)
            {
                return _acks.Count;
            }
        }
    }

    /// <summary>Lag of each probe already visible, in milliseconds, with the time it was acknowledged.</summary>
    public List<(long AckedAt, double LagMs)> Lags()
    {
        long[] acks;
        (long At, int Count)[] seen;
        lock (_gate)
        {
            acks = [.. _acks];
            seen = [.. _seen];
        }

        Array.Sort(acks);
        var lags = new List<(long, double)>(acks.Length);
        var s = 0;
        for (var k = 1; k <= acks.Length; k++)
        {
            while (s < seen.Length && seen[s].Count < k)
            {
                s++;
            }

            if (s == seen.Length)
            {
                break;
            }

            var lag = Math.Max(0, Stopwatch.GetElapsedTime(acks[k - 1], seen[s].At).TotalMilliseconds);
            lags.Add((acks[k - 1], lag));
        }

        return lags;
    }

    public int Visible
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count == 0 ? 0 : _seen[^1].Count;
            }
        }
    }
}
