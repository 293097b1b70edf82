namespace DanVanKheo.Silo.Api;

/// <summary>One page of a list: <c>?offset=&amp;limit=</c>, with the total so clients can page on.</summary>
public sealed record Page<T>(T[] Items, int Total, int Offset, int Limit);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (int Offset, int Limit) Check(int? offset, int? limit)
    {
        var o = offset ?? 0;
        var l = limit ?? DefaultLimit;
        if (o < 0)
        {
            throw new DvkException("bad-paging", $"offset {o} must be 0 or more");
        }

        if (l is < 1 or > MaxLimit)
        {
            throw new DvkException("bad-paging", $"limit {l} must be between 1 and {MaxLimit}");
        }

        return (o, l);
    }

    public static Page<T> Of<T>(IReadOnlyCollection<T> all, int offset, int limit) =>
        new([.. all.Skip(offset).Take(limit)], all.Count, offset, limit);
}
