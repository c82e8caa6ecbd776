using Cluster.Grains.Interfaces.Plugins;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Plugins;

[GrainType("service-registry")]
public sealed class ServiceRegistryGrain(
    [PersistentState(ServiceRegistryGrain.StateName)] IPersistentState<ServiceRegistryState> registry,
    ILogger<ServiceRegistryGrain> logger) : Grain, IServiceRegistryGrain
{
    public const string StateName = "service-registry";

    private readonly ObserverManager<IServiceRegistryObserver> _observers =
        new(TimeSpan.FromSeconds(IServiceRegistryGrain.SubscriptionSeconds), logger);

    public Task<IReadOnlyList<ServiceInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ServiceInfo>>([.. registry.State.Services.Values.OrderBy(service => service.Id, StringComparer.Ordinal)]);

    public async Task RecordAsync(string serviceId, ServiceInfo? service, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        var current = registry.State.Services.GetValueOrDefault(serviceId);
        if (IsDurableChange(current, service))
        {
            await registry.ChangeAsync(
                state =>
                {
                    if (service is null)
                    {
                        state.Services.Remove(serviceId);
                    }
                    else
                    {
                        state.Services[serviceId] = service;
                    }
                },
                state => new ServiceRegistryState { Services = new Dictionary<string, ServiceInfo>(state.Services) },
                cancellationToken);
        }
        else if (service is not null)
        {
            registry.State.Services[serviceId] = service;
        }

        _observers.Notify(observer => observer.OnServiceChanged(serviceId, service));
    }

    public Task SubscribeAsync(IServiceRegistryObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IServiceRegistryObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    // Latency and check times move on every poll; writing them would cost a write per service every interval for nothing.
    private static bool IsDurableChange(ServiceInfo? current, ServiceInfo? next) =>
        current is null || next is null
            ? current != next
            : current.BaseUrl != next.BaseUrl
                || current.Source != next.Source
                || current.Health.Status != next.Health.Status
                || current.ManifestRevision != next.ManifestRevision
                || current.ManifestError != next.ManifestError;
}
