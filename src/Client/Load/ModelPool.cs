namespace DanVanKheo.Client.Load;

/// <summary>
/// The truth of every model the run created, and which models are free: an update takes a model for
/// itself, so no two writes to one model are in flight and the truth follows the order of acknowledgement.
/// </summary>
public sealed class ModelPool(string runId, int capacity)
{
    private const byte Empty = 0;
    private const byte Ready = 1;
    private const byte Busy = 2;

    private readonly ModelTruth[] _truth = new ModelTruth[capacity];
    private readonly byte[] _state = new byte[capacity];
    private int _count;

    public string RunId { get; } = runId;

    public int Count => Volatile.Read(ref _count);

    public ReadOnlySpan<ModelTruth> Truth => _truth.AsSpan(0, Count);

    public string Id(int index) => $"{RunId}-{index}";

    public ref ModelTruth this[int index] => ref _truth[index];

    /// <summary>Reserves a slot for a new model (busy until <see cref="Release"/>); -1 when full.</summary>
    public int Add(in ModelTruth truth)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index >= _truth.Length)
        {
            Interlocked.Decrement(ref _count);
            return -1;
        }

        _truth[index] = truth;
        _state[index] = Busy;
        return index;
    }

    /// <summary>Takes a random free model that is not discontinued (unless <paramref name="anyStatus"/>); -1 when none found quickly.</summary>
    public int TakeRandom(Random random, bool anyStatus = false)
    {
        var count = Count;
        for (var attempt = 0; attempt < 16 && count > 0; attempt++)
        {
            var index = random.Next(count);
            if (Interlocked.CompareExchange(ref _state[index], Busy, Ready) == Ready)
            {
                if (anyStatus || !_truth[index].Discontinued)
                {
                    return index;
                }

                Release(index);
            }
        }

        return -1;
    }

    public void Release(int index) => Volatile.Write(ref _state[index], Ready);

    /// <summary>A model whose write failed for good: its truth is unknown, so it is never touched again.</summary>
    public void Forget(int index) => Volatile.Write(ref _state[index], Empty);
}
