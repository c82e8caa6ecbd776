using Cluster.Grains.Interfaces.RateLimiting;
using Cluster.Runtime.Core;

namespace Cluster.Grains.RateLimiting;

// Not persisted: a permit costs a memory update, not a write. Brute-force protection that must survive failures is
// the user grain's persisted lockout.
[GrainType("rate-limit")]
public sealed class RateLimitGrain(TimeProvider timeProvider) : Grain, IRateLimitGrain
{
    private DateTimeOffset _windowEndsAt;
    private int _used;

    public Task<RateLimitLease> AcquireAsync(int limit, TimeSpan window, int requested, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(requested);
        var now = timeProvider.GetUtcNow();
        if (now >= _windowEndsAt)
        {
            (_windowEndsAt, _used) = (now + window, 0);

            // Kept at least until the window ends, or idle collection would forget the count early.
            DelayDeactivation(window);
        }

        var granted = Math.Min(requested, Math.Max(0, limit - _used));
        _used += granted;
        return Task.FromResult(new RateLimitLease(granted, Math.Max(0, limit - _used), _windowEndsAt));
    }
}
