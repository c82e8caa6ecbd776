namespace Cluster.ApiHost.RateLimiting;

/// <summary>Whether a request may proceed under a policy, and what to tell the caller about the limit.</summary>
/// <param name="Allowed">Whether a permit was taken.</param>
/// <param name="Limit">The policy's limit per window.</param>
/// <param name="Remaining">Permits left in the window, as far as this host knows.</param>
/// <param name="ResetAt">When the window ends.</param>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt);
