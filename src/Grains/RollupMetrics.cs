using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DanVanKheo.Grains;

/// <summary>Our own instruments (meter <see cref="MeterName"/>) and spans (activity source of the same name), one instance per silo.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "DanVanKheo";

    /// <summary>Spans of the roll-up (a unit's flush to its parent).</summary>
    public static readonly ActivitySource Source = new(MeterName);

    // The per-report counts are plain fields read when metrics are collected (observable counters): a counter's Add
    // looks up its tag combination in the SDK's aggregator store on every call, which at several reports per model
    // update was a few percent of the silo's CPU in the load test. Index: the level, then "unknown" (see Slot).
    private const int Slots = 6;
    private readonly long[] _reportsSent = new long[Slots];
    private readonly long[] _modelReports = new long[Slots];
    private readonly long[] _childReports = new long[Slots];
    private long _modelsWritten;
    private readonly Counter<long> _unitWrites;
    private readonly Histogram<double> _rollupLag;
    private readonly Histogram<int> _flushBatch;
    private readonly Histogram<int> _writeBatch;
    private readonly UpDownCounter<int> _liveSubscribers;
    private readonly Histogram<double> _storage;

    public RollupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("dvk.models.written", () => Interlocked.Read(ref _modelsWritten), description: "Model changes stored");
        meter.CreateObservableCounter("dvk.rollup.reports.sent", () => PerLevel(_reportsSent, null), description: "Tally reports sent to a parent unit, by sender level");
        meter.CreateObservableCounter(
            "dvk.rollup.reports.received",
            () => PerLevel(_modelReports, "model").Concat(PerLevel(_childReports, "child")),
            description: "Reports received by units, by receiver level and kind");
        _unitWrites = meter.CreateCounter<long>("dvk.units.writes", description: "Coalesced unit state writes");
        _rollupLag = meter.CreateHistogram<double>(
            "dvk.rollup.lag", unit: "ms", description: "Time from a unit's first unreported change until its tally is pushed up and to subscribers, by level",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 25, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000] });
        _flushBatch = meter.CreateHistogram<int>(
            "dvk.rollup.flush.batch", unit: "{report}", description: "Reports received and absorbed into one upward report, by level",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] });
        _writeBatch = meter.CreateHistogram<int>(
            "dvk.units.write.batch", unit: "{change}", description: "Changes stored by one coalesced unit state write",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });
        _storage = meter.CreateHistogram<double>(
            "dvk.storage.duration", unit: "ms",
            description: "Reads and writes of model state in the grain storage, by state, operation and outcome (units' state goes through Orleans' facet, which has instruments of its own)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000, 5000] });
        _liveSubscribers = meter.CreateUpDownCounter<int>("dvk.live.subscribers", unit: "{subscriber}", description: "Live tally subscribers (observers) held by units");
    }

    public void ModelWritten() => Interlocked.Increment(ref _modelsWritten);

    public void ReportSent(Level level) => Interlocked.Increment(ref _reportsSent[Slot(level)]);

    public void ModelReportReceived(Level? level) => Interlocked.Increment(ref _modelReports[Slot(level)]);

    public void ChildReportReceived(Level? level) => Interlocked.Increment(ref _childReports[Slot(level)]);

    private static int Slot(Level? level) => level is { } known ? (int)known : Slots - 1;

    private static IEnumerable<Measurement<long>> PerLevel(long[] counts, string? kind)
    {
        for (var slot = 0; slot < Slots; slot++)
        {
            var count = Interlocked.Read(ref counts[slot]);
            if (count == 0)
            {
                continue;
            }

            var level = new KeyValuePair<string, object?>("level", slot < Slots - 1 ? ((Level)slot).Code() : "unknown");
            yield return kind is null ? new(count, level) : new(count, level, new("kind", kind));
        }
    }

    public void UnitWrite(int changes)
    {
        _unitWrites.Add(1);
        _writeBatch.Record(changes);
    }

    public void Flushed(Level? level, TimeSpan lag, int reports)
    {
        var tag = new KeyValuePair<string, object?>("level", level?.Code() ?? "unknown");
        _rollupLag.Record(lag.TotalMilliseconds, tag);
        _flushBatch.Record(reports, tag);
    }

    /// <summary>A storage read or write begun at <paramref name="started"/> (<see cref="Stopwatch.GetTimestamp"/>) has ended.</summary>
    public void StorageDone(string state, string operation, long started, bool failed) =>
        _storage.Record(
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("state", state),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));

    public void SubscribersChanged(int delta)
    {
        if (delta != 0)
        {
            _liveSubscribers.Add(delta);
        }
    }
}
