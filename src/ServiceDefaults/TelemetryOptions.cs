using Microsoft.Extensions.Configuration;

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
    /// Record traces at all (grain calls with Orleans activity propagation, storage, ASP.NET Core, our own spans).
    /// Even an unsampled trace costs every grain call a request context to build, copy and send, and every unit
    /// flush and storage write an activity: about a fifth of the silo's CPU and allocations under load. Load tests
    /// therefore switch it off (<c>Telemetry__Tracing=false</c> for the silo, <c>DVK_Telemetry__Tracing=false</c>
    /// for dvk); metrics are unaffected.
    /// </summary>
    public bool Tracing { get; set; } = true;

    /// <summary>The options as configured (section <see cref="Section"/>), defaults where unset.</summary>
    public static TelemetryOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    /// <summary>Record the very chatty <c>Microsoft.Orleans.Runtime</c> spans too (membership, directory, pings).</summary>
    public bool OrleansRuntimeSpans { get; set; }
}
