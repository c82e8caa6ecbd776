using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cluster.Runtime.Client;

/// <summary>Ready while at least one silo gateway connection is open.</summary>
internal sealed class ClusterClientHealthCheck(ClusterClient client) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(client.IsConnected
            ? HealthCheckResult.Healthy("Connected to a silo gateway.")
            : HealthCheckResult.Unhealthy("No silo gateway is connected; the client keeps reconnecting."));
}
