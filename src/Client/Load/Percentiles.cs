using HdrHistogram;

namespace DanVanKheo.Client.Load;

/// <summary>A latency distribution in milliseconds, as the report shows it.</summary>
public sealed record Percentiles(double P50, double P95, double P99, double Max, long Count)
{
    public static readonly Percentiles None = new(0, 0, 0, 0, 0);

    /// <summary>From a histogram of microseconds.</summary>
    public static Percentiles Of(HistogramBase micros) => micros.TotalCount == 0
        ? None
        : new(
            micros.GetValueAtPercentile(50) / 1000.0,
            micros.GetValueAtPercentile(95) / 1000.0,
            micros.GetValueAtPercentile(99) / 1000.0,
            micros.GetMaxValue() / 1000.0,
            micros.TotalCount);

    public static Percentiles Of(IEnumerable<double> millis)
    {
        var histogram = NewMicrosHistogram();
        foreach (var value in millis)
        {
            Record(histogram, value * 1000);
        }

        return Of(histogram);
    }

    /// <summary>1 µs to 10 min at 3 significant digits; safe to record from many threads.</summary>
    public static LongConcurrentHistogram NewMicrosHistogram() => new(1, 600_000_000, 3);

    public static void Record(HistogramBase histogram, double micros) =>
        histogram.RecordValue(Math.Clamp((long)micros, 1, histogram.HighestTrackableValue));
}
