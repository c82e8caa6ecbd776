using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>A feature service's health as any signed-in user sees it (no addresses, no errors).</summary>
/// <param name="Id">The service id.</param>
/// <param name="Name">The manifest's display name; the id when the service has no manifest.</param>
/// <param name="Status"><c>healthy</c>, <c>unhealthy</c> or <c>unknown</c> (not checked yet).</param>
/// <param name="LatencyMs">How long the last health check took, in milliseconds.</param>
/// <param name="CheckedAt">When it was last checked.</param>
/// <param name="ChangedAt">When its status last changed.</param>
public sealed record ServiceResponse(string Id, string Name, string Status, double? LatencyMs, DateTimeOffset? CheckedAt, DateTimeOffset? ChangedAt)
{
    public static ServiceResponse From(ServiceInfo service) => new(
        service.Id,
        service.Manifest?.Name ?? service.Id,
        ServiceStatusNames.Of(service.Health.Status),
        service.Health.LatencyMs,
        service.Health.CheckedAt,
        service.Health.ChangedAt);
}
