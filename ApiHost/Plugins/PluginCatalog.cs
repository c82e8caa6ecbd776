using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
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
    private readonly ConcurrentDictionary<Channel<ServiceChange>, byte> _watchers = new();
    private long _lastReadStartedAt;

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

        var asked = Stopwatch.GetTimestamp();
        if (!ServiceIds.IsValid(id))
        {
            return null;
        }

        await ReadAllAsync(cancellationToken, asked);
        return _services.GetValueOrDefault(id);
    }

    /// <summary>
    /// Hears of every change from now on until <paramref name="cancellationToken"/> ends. A watcher that falls
    /// <see cref="ServiceChange.MaxQueued"/> changes behind loses the oldest: each change carries the service's whole
    /// state, so the newest is what matters.
    /// </summary>
    public ChannelReader<ServiceChange> Watch(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ServiceChange>(new BoundedChannelOptions(ServiceChange.MaxQueued) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _watchers[channel] = 0;
        cancellationToken.Register(() =>
        {
            _watchers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Takes a service as an API call just left it (registered, checked), ahead of the registry's push.</summary>
    public void Update(string id, ServiceInfo? service) => OnServiceChanged(id, service);

    public void OnServiceChanged(string serviceId, ServiceInfo? service)
    {
        if (service is null)
        {
            if (_services.TryRemove(serviceId, out _))
            {
                Tell(new ServiceChange(serviceId, null));
            }
        }
        else
        {
            // Pushes from two checks can cross: keep the later check.
            var kept = _services.AddOrUpdate(serviceId, service, (_, current) => IsNewer(service, current) ? service : current);
            if (ReferenceEquals(kept, service))
            {
                Tell(new ServiceChange(serviceId, service));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IServiceRegistryObserver? reference = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var delay = RefreshPeriod;

                // Everything in the loop, the first reference included: a client may start before any gateway answers.
                try
                {
                    reference ??= cluster.CreateObjectReference<IServiceRegistryObserver>(this);
                    await cluster.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).SubscribeAsync(reference, stoppingToken);
                    await ReadAllAsync(stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRefreshFailed(logger, exception, RetryDelay.TotalSeconds);
                    delay = RetryDelay;
                }

                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            if (reference is not null)
            {
                cluster.DeleteObjectReference<IServiceRegistryObserver>(this);
            }
        }
    }

    private async Task ReadAllAsync(CancellationToken cancellationToken, long askedAt = 0)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            // A read begun after this caller asked has answered it too: a flood of unknown ids costs one read at a time, not one each.
            if (askedAt != 0 && Volatile.Read(ref _lastReadStartedAt) >= askedAt)
            {
                return;
            }

            Volatile.Write(ref _lastReadStartedAt, Stopwatch.GetTimestamp());
            var services = await cluster.GetGrain<IServiceRegistryGrain>(IServiceRegistryGrain.Key).ListAsync(cancellationToken);
            var ids = services.Select(service => service.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var service in services)
            {
                // A push or an API call may have brought a later state while the read was under way.
                OnServiceChanged(service.Id, service);
            }

            foreach (var id in _services.Keys.Where(id => !ids.Contains(id)))
            {
                if (_services.TryRemove(id, out _))
                {
                    Tell(new ServiceChange(id, null));
                }
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    // A registration made again (after removal) starts its revisions anew, so it wins whatever its revision.
    private void Tell(ServiceChange change)
    {
        foreach (var watcher in _watchers.Keys)
        {
            watcher.Writer.TryWrite(change);
        }
    }

    private static bool IsNewer(ServiceInfo candidate, ServiceInfo current) =>
        candidate.RegisteredAt != current.RegisteredAt
        || candidate.ManifestRevision > current.ManifestRevision
        || (candidate.ManifestRevision == current.ManifestRevision
            && (candidate.Health.CheckedAt ?? DateTimeOffset.MinValue) >= (current.Health.CheckedAt ?? DateTimeOffset.MinValue));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the service registry failed; trying again in {Seconds} s")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, double seconds);
}
