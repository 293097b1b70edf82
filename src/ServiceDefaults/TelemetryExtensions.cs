using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DanVanKheo.ServiceDefaults;

/// <summary>
/// OpenTelemetry for every DanVanKheo process (silo and <c>dvk</c> alike): Orleans, ASP.NET Core, runtime
/// and our own spans and metrics; Prometheus scraping, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// console when <c>Telemetry:Console</c> is true. Orleans activity propagation is switched on by the
/// silo and client builders (<c>AddActivityPropagation()</c>), which this method cannot reach.
/// </summary>
public static class TelemetryExtensions
{
    public static TBuilder AddDanVanKheoTelemetry<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        var options = TelemetryOptions.From(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (options.Tracing)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(options.TraceSampleRatio, 0, 1))))
                    .AddSource(TelemetryNames.Ours, TelemetryNames.Ours + ".*")
                    .AddSource("Microsoft.Orleans.Application", "Microsoft.Orleans.Lifecycle", "Microsoft.Orleans.Storage")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != TelemetryNames.MetricsPath);
                if (options.OrleansRuntimeSpans)
                {
                    tracing.AddSource("Microsoft.Orleans.Runtime");
                }

                if (options.Console)
                {
                    tracing.AddConsoleExporter();
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        }

        // Our meters come from this host's IMeterFactory. Enabled for the OpenTelemetry listener in the Local scope only,
        // not by name with AddMeter: a process with several hosts (the tests' in-process silos) would otherwise feed every
        // host's observable counters into each host's /metrics series.
        builder.Services.AddMetrics(m => m.EnableMetrics(TelemetryNames.Ours, null, TelemetryNames.OpenTelemetryListener, MeterScope.Local));
        telemetry.WithMetrics(metrics =>
        {
            metrics
                .AddMeter(TelemetryNames.OrleansMeter)
                .AddView(TelemetryNames.OrleansActivationDataGauge, MetricStreamConfiguration.Drop)
                .AddRuntimeInstrumentation()
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter();
            if (options.Console)
            {
                metrics.AddConsoleExporter();
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        return builder;
    }

    /// <summary>Whether traces are recorded (<see cref="TelemetryOptions.Tracing"/>): silo and client builders ask before <c>AddActivityPropagation()</c>.</summary>
    public static bool IsTracingEnabled(this IConfiguration configuration) => TelemetryOptions.From(configuration).Tracing;

    /// <summary>Serves the Prometheus text format at <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapDanVanKheoMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(TelemetryNames.MetricsPath);
        return endpoints;
    }
}
