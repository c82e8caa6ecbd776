using Cluster.Runtime.Activation;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.Runtime.Hosting;

/// <summary>Ready when the silo has started (storage initialized, catalog open) and is not shutting down.</summary>
internal sealed class SiloHealthCheck(GrainRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(runtime.Catalog.IsOpen
            ? HealthCheckResult.Healthy($"{runtime.Catalog.Count} activations")
            : HealthCheckResult.Unhealthy("The silo is starting or shutting down."));
}
