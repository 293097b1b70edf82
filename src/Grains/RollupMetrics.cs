using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DanVanKheo.Grains;

/// <summary>Our own instruments (meter <see cref="MeterName"/>) and spans (activity source of the same name), one instance per silo.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "DanVanKheo";

    /// <summary>Spans of the roll-up (a unit's flush to its parent).</summary>
    public static readonly ActivitySource Source = new(MeterName);

    private readonly Counter<long> _modelsWritten;
    private readonly Counter<long> _reportsSent;
    private readonly Counter<long> _reportsReceived;
    private readonly Counter<long> _unitWrites;
    private readonly Histogram<double> _rollupLag;
    private readonly Histogram<int> _flushBatch;
    private readonly Histogram<int> _writeBatch;
    private readonly UpDownCounter<int> _liveSubscribers;

    public RollupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _modelsWritten = meter.CreateCounter<long>("dvk.models.written", description: "Model changes stored");
        _reportsSent = meter.CreateCounter<long>("dvk.rollup.reports.sent", description: "Tally reports sent to a parent unit, by sender level");
        _reportsReceived = meter.CreateCounter<long>("dvk.rollup.reports.received", description: "Reports received by units, by receiver level and kind");
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
        _liveSubscribers = meter.CreateUpDownCounter<int>("dvk.live.subscribers", unit: "{subscriber}", description: "Live tally subscribers (observers) held by units");
    }

    public void ModelWritten() => _modelsWritten.Add(1);

    public void ReportSent(Level level) => _reportsSent.Add(1, new KeyValuePair<string, object?>("level", level.Code()));

    public void ModelReportReceived(Level? level) =>
        _reportsReceived.Add(1, new("level", level?.Code() ?? "unknown"), new("kind", "model"));

    public void ChildReportReceived(Level? level) =>
        _reportsReceived.Add(1, new("level", level?.Code() ?? "unknown"), new("kind", "child"));

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

    public void SubscribersChanged(int delta)
    {
        if (delta != 0)
        {
            _liveSubscribers.Add(delta);
        }
    }
}
