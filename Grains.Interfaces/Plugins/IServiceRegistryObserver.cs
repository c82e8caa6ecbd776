using Cluster.Runtime.Observers;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>Hears of every change the registry records (an API host keeping its plugin catalog current).</summary>
public interface IServiceRegistryObserver : IGrainObserver
{
    /// <summary>
    /// The service as now recorded, or null when it was unregistered. One-way: a lost notification is made good by the
    /// observer's periodic full read.
    /// </summary>
    void OnServiceChanged(string serviceId, ServiceInfo? service);
}
