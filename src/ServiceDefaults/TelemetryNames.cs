namespace DanVanKheo.ServiceDefaults;

/// <summary>Names of our own telemetry sources, shared by silo, grains and client.</summary>
public static class TelemetryNames
{
    /// <summary>Our meter and activity source: <c>DanVanKheo</c> (also used with a suffix, e.g. <c>DanVanKheo.Client</c>).</summary>
    public const string Ours = "DanVanKheo";

    /// <summary>The name OpenTelemetry's <c>IMetricsListener</c> registers under (<c>WithMetrics</c>), for <c>EnableMetrics</c> rules.</summary>
    public const string OpenTelemetryListener = "OpenTelemetry";

    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Orleans' gauge of the requests queued in all activations: read by visiting every activation of the silo, about
    /// 0.9 s of the silo's CPU per scrape of <c>/metrics</c> at 1.1 million activations (a few ms without it). Not exported.
    /// </summary>
    public const string OrleansActivationDataGauge = "orleans-messaging-processing-activation-data";

    public const string MetricsPath = "/metrics";
}
