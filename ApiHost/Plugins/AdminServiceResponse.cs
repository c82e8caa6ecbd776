using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>A feature service as administrators see it: where it is, why it is unhealthy, what became of its manifest.</summary>
/// <param name="Id">The service id.</param>
/// <param name="BaseUrl">Where its paths are.</param>
/// <param name="Source"><c>configuration</c> or <c>admin</c>.</param>
/// <param name="RegisteredAt">When it was registered.</param>
/// <param name="Status"><c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</param>
/// <param name="LatencyMs">How long the last health check took, in milliseconds.</param>
/// <param name="CheckedAt">When it was last checked.</param>
/// <param name="ChangedAt">When its status last changed.</param>
/// <param name="Error">Why the last check failed.</param>
/// <param name="ManifestVersion">The version the last accepted manifest states; null without one.</param>
/// <param name="ManifestRevision">How many times the accepted manifest has changed.</param>
/// <param name="ManifestChangedAt">When it last changed.</param>
/// <param name="ManifestError">Why the last manifest fetched was refused; the previous one stays in use.</param>
/// <param name="AdminGroup">The group whose members administer the service.</param>
public sealed record AdminServiceResponse(
    string Id,
    Uri BaseUrl,
    string Source,
    DateTimeOffset RegisteredAt,
    string Status,
    double? LatencyMs,
    DateTimeOffset? CheckedAt,
    DateTimeOffset? ChangedAt,
    string? Error,
    string? ManifestVersion,
    int ManifestRevision,
    DateTimeOffset? ManifestChangedAt,
    string? ManifestError,
    string AdminGroup)
{
    public static AdminServiceResponse From(ServiceInfo service) => new(
        service.Id,
        service.BaseUrl,
        ServiceStatusNames.Of(service.Source),
        service.RegisteredAt,
        ServiceStatusNames.Of(service.Health.Status),
        service.Health.LatencyMs,
        service.Health.CheckedAt,
        service.Health.ChangedAt,
        service.Health.Error,
        service.Manifest?.Version,
        service.ManifestRevision,
        service.ManifestChangedAt,
        service.ManifestError,
        ServiceIds.AdminGroup(service.Id));
}
