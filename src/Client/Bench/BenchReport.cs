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

    /// <summary>Median SQL GROUP BY time divided by our median read time, per level.</summary>
    public required IReadOnlyDictionary<string, double> Speedup { get; init; }

    /// <summary>Median trigger-maintained counter read time divided by ours, per level.</summary>
    public required IReadOnlyDictionary<string, double> SpeedupVsCounters { get; init; }

    public required WriteThroughput WritesPerSecond { get; init; }
    public required string Machine { get; init; }
}

public sealed record LevelReads(string Level, string Unit, long Models, Percentiles Ours, Percentiles SqlGroupBy, Percentiles SqlCounters);

public sealed record WriteThroughput(double Ours, double SqlGroupByTable, double SqlCounters);
