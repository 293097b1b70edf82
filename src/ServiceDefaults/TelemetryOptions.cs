namespace DanVanKheo.ServiceDefaults;

/// <summary>Bound from section <c>Telemetry</c> (environment: <c>Telemetry__Console=true</c> and so on).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Also print spans and metrics to the console (noisy; for a quick look without a collector).</summary>
    public bool Console { get; set; }

    /// <summary>
    /// Fraction of new traces recorded. Tracing every grain call costs about a third of the throughput
    /// (PLATFORM-NOTES), so the default keeps one in a hundred; a sampled parent keeps its children.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.01;

    /// <summary>
    /// Trace grain calls (Orleans activity propagation). Even an unsampled trace costs every grain call a request
    /// context to build, copy and send (about a tenth of the silo's CPU under load), so load tests switch it off
    /// with <c>Telemetry__GrainCallTracing=false</c>; metrics are unaffected.
    /// </summary>
    public bool GrainCallTracing { get; set; } = true;

    /// <summary>Record the very chatty <c>Microsoft.Orleans.Runtime</c> spans too (membership, directory, pings).</summary>
    public bool OrleansRuntimeSpans { get; set; }
}
