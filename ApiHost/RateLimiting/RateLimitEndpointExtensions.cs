namespace Cluster.ApiHost.RateLimiting;

/// <summary>Names a route's rate limit policy where the route is mapped.</summary>
public static class RateLimitEndpointExtensions
{
    /// <summary>Counts the route's requests under <paramref name="policyName"/> instead of the general API policy.</summary>
    public static TBuilder WithRateLimit<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policyName));
}
