using System.Collections.Concurrent;
using Cluster.Grains.Interfaces.RateLimiting;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.RateLimiting;

/// <summary>
/// Takes permits from the cluster-wide counts (<see cref="IRateLimitGrain"/>), in leases of
/// <see cref="RateLimitPolicy.LeaseSize"/> served from this host's memory, so a busy policy costs one grain call per
/// lease rather than per request, and the limit still holds across every API host.
/// </summary>
public sealed class ClusterRateLimiter(IClusterClient cluster, IOptions<RateLimitOptions> options, TimeProvider timeProvider)
{
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one permit (or, with <paramref name="permits"/> 0, only looks) under <paramref name="policyName"/> for <paramref name="partition"/>.</summary>
    public async ValueTask<RateLimitDecision> AcquireAsync(string policyName, string partition, int permits = 1, CancellationToken cancellationToken = default)
    {
        var policy = options.Value.Policies[policyName];
        var key = $"{policyName}|{partition}";
        var bucket = _buckets.GetOrAdd(key, static _ => new Bucket());
        var now = timeProvider.GetUtcNow();
        if (bucket.TryTake(permits, now, policy.Limit) is { } local)
        {
            return local;
        }

        var lease = await cluster.GetGrain<IRateLimitGrain>(key)
            .AcquireAsync(policy.Limit, policy.Window, permits == 0 ? 0 : Math.Max(permits, policy.LeaseSize), cancellationToken);
        if (_buckets.Count > SweepThreshold)
        {
            Sweep(now);
        }

        return bucket.Add(lease, permits, policy.Limit);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.HasEnded(now))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Permits this host holds for one partition's current window.</summary>
    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _windowEndsAt;
        private int _held;
        private int _remainingInCluster;

        public RateLimitDecision? TryTake(int permits, DateTimeOffset now, int limit)
        {
            lock (_lock)
            {
                if (permits == 0 || now >= _windowEndsAt || _held < permits)
                {
                    return null;
                }

                _held -= permits;
                return new RateLimitDecision(true, limit, _held + _remainingInCluster, _windowEndsAt);
            }
        }

        public RateLimitDecision Add(RateLimitLease lease, int permits, int limit)
        {
            lock (_lock)
            {
                if (lease.WindowEndsAt != _windowEndsAt)
                {
                    // Permits of an ended window are worth nothing.
                    (_windowEndsAt, _held) = (lease.WindowEndsAt, 0);
                }

                _held += lease.Granted;
                _remainingInCluster = lease.Remaining;
                var allowed = permits == 0 ? lease.Remaining > 0 || _held > 0 : _held >= permits;
                if (allowed && permits > 0)
                {
                    _held -= permits;
                }

                return new RateLimitDecision(allowed, limit, _held + _remainingInCluster, _windowEndsAt);
            }
        }

        public bool HasEnded(DateTimeOffset now)
        {
            lock (_lock)
            {
                return now >= _windowEndsAt;
            }
        }
    }
}
