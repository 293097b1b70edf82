namespace DanVanKheo.Silo.Live;

/// <summary>Bound from section <c>Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Well inside the unit grain's 2-minute observer expiry.</summary>
    public TimeSpan Resubscribe { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Most units one connection may watch (the unit and its ancestors).</summary>
    public int MaxUnitsPerConnection { get; set; } = 8;
}
