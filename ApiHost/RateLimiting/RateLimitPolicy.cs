namespace Cluster.ApiHost.RateLimiting;

/// <summary>One rate limit: <see cref="Limit"/> requests per <see cref="Window"/>, counted across every API host.</summary>
public sealed class RateLimitPolicy
{
    /// <summary>Requests allowed per window. From 1 to 100,000,000.</summary>
    public int Limit { get; set; }

    /// <summary>The window's length. From 1 s to 1 day.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>
    /// Whether a signed-in caller is counted by user id (else always by client address). Auth policies count by
    /// address: their callers are not signed in yet.
    /// </summary>
    public bool PerUser { get; set; }

    /// <summary>
    /// Permits an API host takes from the cluster's count at once, serving them locally: 1 (each request asks the
    /// cluster) up to <see cref="Limit"/>. Larger leases cost fewer grain calls; a host may then hold permits another
    /// host's callers cannot use until the window ends, so the limit is never exceeded, but can be reached early.
    /// </summary>
    public int LeaseSize { get; set; } = 1;
}
