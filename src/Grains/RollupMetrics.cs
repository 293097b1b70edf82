using System.Diagnostics.Metrics;

namespace DanVanKheo.Grains;

/// <summary>Our own instruments (meter <see cref="MeterName"/>), one instance per silo.</summary>
public sealed class RollupMetrics
{
    public const string MeterName = "DanVanKheo";

    private readonly Counter<long> _modelsWritten;
    private readonly Counter<long> _reportsSent;
    private readonly Counter<long> _reportsReceived;
    private readonly Counter<long> _unitWrites;

    public RollupMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _modelsWritten = meter.CreateCounter<long>("dvk.models.written", description: "Model changes stored");
        _reportsSent = meter.CreateCounter<long>("dvk.rollup.reports.sent", description: "Tally reports sent to a parent unit, by sender level");
        _reportsReceived = meter.CreateCounter<long>("dvk.rollup.reports.received", description: "Reports received by units, by receiver level and kind");
        _unitWrites = meter.CreateCounter<long>("dvk.units.writes", description: "Coalesced unit state writes");
    }

    public void ModelWritten() => _modelsWritten.Add(1);

    public void ReportSent(Level level) => _reportsSent.Add(1, new KeyValuePair<string, object?>("level", level.Code()));

    public void ModelReportReceived(Level? level) =>
        _reportsReceived.Add(1, new("level", level?.Code() ?? "unknown"), new("kind", "model"));

    public void ChildReportReceived(Level? level) =>
        _reportsReceived.Add(1, new("level", level?.Code() ?? "unknown"), new("kind", "child"));

    public void UnitWrite() => _unitWrites.Add(1);
}
