using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>A change of a registered service, as <see cref="PluginCatalog.Watch"/> tells it.</summary>
/// <param name="Id">The service id.</param>
/// <param name="Service">The service as now recorded; null when it was unregistered.</param>
public sealed record ServiceChange(string Id, ServiceInfo? Service)
{
    /// <summary>How many changes a watcher may fall behind before the oldest are dropped.</summary>
    public const int MaxQueued = 256;
}
