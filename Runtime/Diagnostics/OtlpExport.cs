using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Cluster.Runtime.Diagnostics;

/// <summary>
/// OTLP export of traces and metrics to the collector named by <see cref="EndpointKey"/>, when it is set (the
/// OpenTelemetry SDK reads the other <c>OTEL_*</c> settings: protocol, headers, intervals). Unset, nothing of the
/// SDK runs.
/// </summary>
public static class OtlpExport
{
    /// <summary>The setting (environment variable or configuration key) that turns export on.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Exports this host's spans (the runtime's and ASP.NET Core's) and meters, as <paramref name="serviceName"/>.</summary>
    public static IHostApplicationBuilder AddOtlpExportWhenConfigured(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? serviceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing.AddSource(RuntimeTracing.SourceName, "Microsoft.AspNetCore").AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter([.. MeterPatterns(builder.Configuration)]).AddOtlpExporter());
        return builder;
    }

    // The same meters as /metrics collects (Metrics:Meters), so both views show the same figures.
    private static IEnumerable<string> MeterPatterns(IConfiguration configuration)
    {
        var configured = configuration.GetSection($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Meters)}").Get<List<string>>();
        return configured is { Count: > 0 } ? configured : MetricsOptions.DefaultMeters;
    }
}
