using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.RateLimiting;

/// <summary>
/// One rate limit for one partition (a user or a client address under a policy), keyed <c>policy|partition</c>: a
/// fixed window of <c>limit</c> permits shared by every API host, which take them in small leases. Counts live in
/// memory, kept until the window ends; a silo failure forgets the windows it held.
/// </summary>
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>
    /// Grants up to <paramref name="requested"/> permits from the current window of <paramref name="limit"/> per
    /// <paramref name="window"/>; 0 asks only how many are left.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit or window is not positive, or the request is negative.</exception>
    Task<RateLimitLease> AcquireAsync(int limit, TimeSpan window, int requested, CancellationToken cancellationToken = default);
}
