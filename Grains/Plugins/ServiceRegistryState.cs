using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.Grains.Plugins;

/// <summary>The persisted state of the service registry.</summary>
public sealed class ServiceRegistryState
{
    public Dictionary<string, ServiceInfo> Services { get; set; } = [];
}
