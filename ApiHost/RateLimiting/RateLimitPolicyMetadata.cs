namespace Cluster.ApiHost.RateLimiting;

/// <summary>Endpoint metadata naming the rate limit policy of a route; routes without it use <see cref="RateLimitOptions.Api"/>.</summary>
/// <param name="Name">The policy's name in <see cref="RateLimitOptions.Policies"/>.</param>
public sealed record RateLimitPolicyMetadata(string Name);
