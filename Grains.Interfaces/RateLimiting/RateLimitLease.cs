namespace Cluster.Grains.Interfaces.RateLimiting;

/// <summary>Permits granted from a rate limit's current window.</summary>
/// <param name="Granted">How many of those asked for were granted (0 when the window is used up).</param>
/// <param name="Remaining">How many are left in the window after this grant.</param>
/// <param name="WindowEndsAt">When the window ends and the full limit is available again.</param>
public sealed record RateLimitLease(int Granted, int Remaining, DateTimeOffset WindowEndsAt);
