using System.Collections.Concurrent;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Plugins;

/// <summary>
/// The API host's copy of the service registry: filled by a full read, kept current by the registry's pushes
/// (<see cref="IServiceRegistryObserver"/>), read again in full every minute in case a push was lost. Plugin routes
/// and the feature proxy read it, so no request waits on a service grain that is in the middle of a health check.
/// </summary>
public sealed partial class PluginCatalog(IClusterClient cluster, ILogger<PluginCatalog> logger) : BackgroundService, IServiceRegistryObserver
{
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ServiceInfo> _services = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reading = new(1, 1);

    /// <summary>Every registered service, by id.</summary>
    public IReadOnlyList<ServiceInfo> All => [.. _services.Values.OrderBy(service => service.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The service <paramref name="id"/>; one not in the copy is looked for in the registry once (it may have been
    /// registered through another API host a moment ago), so a fresh registration is usable at once.
    /// </summary>
    public async Task<ServiceInfo?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_services.TryGetValue(id, out var service))
        {
            return service;
        }

        if (!ServiceIds.IsValid(id))
        {
            return null;
        }

        await ReadAllAsync(cancellationToken);
        return _services.GetValueOrDefault(id);
    }

    /// <summary>Takes a service as an API call just left it (registered, checked), ahead of the registry's push.</summary>
    public void Update(string id, ServiceInfo? service) => OnServiceChanged(id, service);

    public void OnServiceChanged(string serviceId, ServiceInfo? service)
    {
        if (service is null)
        {
            _services.TryRemove(serviceId, out _);
        }
        else
        {
            // Pushes from two checks can cross: keep the later check.
            _services.AddOrUpdate(serviceId, service, (_, current) => IsNewer(service, current) ? service : current);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = cluster.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key);
        var reference = cluster.CreateObjectReference<IServiceRegistryObserver>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = RefreshPeriod;
                try
                {
                    await registry.SubscribeAsync(reference, stoppingToken);
                    await ReadAllAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, exception, RetryDelay.TotalSeconds);
                    delay = RetryDelay;
                }

                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            cluster.DeleteObjectReference<IServiceRegistryObserver>(this);
        }
    }

    private async Task ReadAllAsync(CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            var services = await cluster.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).ListAsync(cancellationToken);
            var ids = services.Select(service => service.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var service in services)
            {
                _services[service.Id] = service;
            }

            foreach (var id in _services.Keys.Where(id => !ids.Contains(id)))
            {
                _services.TryRemove(id, out _);
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    // A registration made again (after removal) starts its revisions anew, so it wins whatever its revision.
    private static bool IsNewer(ServiceInfo candidate, ServiceInfo current) =>
        candidate.RegisteredAt != current.RegisteredAt
        || candidate.ManifestRevision > current.ManifestRevision
        || (candidate.ManifestRevision == current.ManifestRevision
            && (candidate.Health.CheckedAt ?? DateTimeOffset.MinValue) >= (current.Health.CheckedAt ?? DateTimeOffset.MinValue));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the service registry failed; trying again in {Seconds} s")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, double seconds);
}
