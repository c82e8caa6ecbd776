using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>The names the API uses for service health statuses and registration sources.</summary>
public static class ServiceStatusNames
{
    public static string Of(ServiceHealthStatus status) => status switch
    {
        ServiceHealthStatus.Healthy => "healthy",
        ServiceHealthStatus.Unhealthy => "unhealthy",
        _ => "unknown",
    };

    public static string Of(ServiceSource source) => source == ServiceSource.Admin ? "admin" : "configuration";
}
