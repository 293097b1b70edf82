using DanVanKheo.Client.Load;

namespace DanVanKheo.Client.Bench;

/// <summary>What <c>dvk bench --report FILE.json</c> writes (camelCase keys).</summary>
public sealed record BenchReport
{
    public required string StartedAt { get; init; }
    public required int Provinces { get; init; }
    public required int Units { get; init; }
    public required int Models { get; init; }
    public required bool SameNumbers { get; init; }
    public required double BackgroundWriteRate { get; init; }
    public required IReadOnlyList<LevelReads> Reads { get; init; }

    /// <summary>
    /// Median SQL GROUP BY time with no writes running (SQL at its best) divided by our median read time while
    /// writes continue (ours at its worst), per level: the conservative ratio.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Speedup { get; init; }

    /// <summary>The same, with the same write rate running against PostgreSQL while it is read.</summary>
    public required IReadOnlyDictionary<string, double> SpeedupUnderWrites { get; init; }

    /// <summary>Median trigger-maintained counter read time divided by ours, per level.</summary>
    public required IReadOnlyDictionary<string, double> SpeedupVsCounters { get; init; }

    public required WriteThroughput WritesPerSecond { get; init; }
    public required string Machine { get; init; }
}

/// <summary>Read times of one sample unit: ours and both SQL variants while writes continue, and GROUP BY with none.</summary>
public sealed record LevelReads(string Level, string Unit, long Models, Percentiles Ours, Percentiles SqlGroupByQuiet, Percentiles SqlGroupBy, Percentiles SqlCounters);

public sealed record WriteThroughput(double Ours, double SqlGroupByTable, double SqlCounters);
