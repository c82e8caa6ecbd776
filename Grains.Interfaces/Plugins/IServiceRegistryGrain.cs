using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>
/// The list of registered feature services (one grain, key <see cref="Key"/>), kept by the service grains, which record
/// every check in it; subscribers hear of each record.
/// </summary>
public interface IServiceRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry's key.</summary>
    const string Key = "all";

    /// <summary>How long a subscription lasts unless renewed, in seconds.</summary>
    const int SubscriptionSeconds = 180;

    /// <summary>Every registered service, by id.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ServiceInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a service as its grain now has it, or, with <paramref name="service"/> null, that <paramref name="serviceId"/>
    /// was unregistered; tells the subscribers. Only a change of registration, health status or manifest is written to storage:
    /// latency and check times of a steady service stay in memory.
    /// </summary>
    Task RecordAsync(string serviceId, ServiceInfo? service, CancellationToken cancellationToken = default);

    /// <summary>Subscribes, or renews a subscription, to every record; renew within <see cref="SubscriptionSeconds"/>.</summary>
    Task SubscribeAsync(IServiceRegistryObserver observer, CancellationToken cancellationToken = default);

    /// <summary>Ends a subscription.</summary>
    Task UnsubscribeAsync(IServiceRegistryObserver observer, CancellationToken cancellationToken = default);
}
