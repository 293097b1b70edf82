namespace DanVanKheo.Grains;

/// <summary>Bound from configuration section <c>Rollup</c>.</summary>
public sealed class RollupOptions
{
    public const string Section = "Rollup";

    /// <summary>
    /// A unit sends its tally upward at most once per interval: at once after a quiet spell, later under
    /// load. The lag from a model change to the national tally is at most depth × interval plus work.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Wait before re-sending a report the parent did not confirm.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
