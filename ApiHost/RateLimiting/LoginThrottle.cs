using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.RateLimiting;

/// <summary>
/// Counts failed sign-ins per email address, cluster-wide, whether or not the address has an account: an unknown
/// address is refused after as many failures as a real one is locked after, so the answers never tell which exist.
/// Addresses are counted by hash, so no email appears in grain keys or logs.
/// </summary>
public sealed class LoginThrottle(ClusterRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    /// <summary>How long until sign-ins for <paramref name="email"/> are accepted again; null when they are now.</summary>
    public async Task<DateTimeOffset?> BlockedUntilAsync(string email, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        var decision = await limiter.AcquireAsync(RateLimitOptions.LoginFailuresPerEmail, PartitionOf(email), permits: 0, cancellationToken);
        return decision.Allowed ? null : decision.ResetAt;
    }

    /// <summary>Counts a failed sign-in for <paramref name="email"/>.</summary>
    public async Task RecordFailureAsync(string email, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await limiter.AcquireAsync(RateLimitOptions.LoginFailuresPerEmail, PartitionOf(email), permits: 1, cancellationToken);
        }
    }

    private static string PartitionOf(string email) =>
        "email:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EmailAddress.Normalize(email))));
}
