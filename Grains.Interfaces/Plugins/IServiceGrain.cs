using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>
/// One registered feature service, keyed by its id: its registration, and the health checks and manifest fetches its
/// activation runs on a timer, on whichever silo hosts it.
/// </summary>
public interface IServiceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the service at <paramref name="baseUrl"/> (or moves it there), makes sure its admin group exists, runs
    /// the first check at once and starts polling; answers the service as that check left it. Idempotent.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not a valid id, or the URL is not absolute http(s).</exception>
    Task<ServiceInfo> RegisterAsync(Uri baseUrl, ServiceSource source, CancellationToken cancellationToken = default);

    /// <summary>The service, or null when it is not registered.</summary>
    [ReadOnly]
    Task<ServiceInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks health and fetches the manifest now, whatever the timer's schedule; null when not registered.</summary>
    Task<ServiceInfo?> CheckNowAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the registration and stops polling; false when it was not registered.</summary>
    Task<bool> UnregisterAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Activates the grain so that its polling timer runs (after a silo that hosted it died, say); the admin group is made
    /// sure of on every activation. Interleaves: it only touches the timer, so it never waits for a check under way.
    /// </summary>
    [AlwaysInterleave]
    Task EnsurePollingAsync(CancellationToken cancellationToken = default);
}
