namespace Cluster.ApiHost.Identity;

/// <summary>Token lifetimes checked by the runtime's clock, not the machine's, so tests can move time.</summary>
internal static class TokenLifetime
{
    /// <summary>Whether a token valid from <paramref name="notBefore"/> until <paramref name="expires"/> is current at <paramref name="now"/>, within <paramref name="skew"/>.</summary>
    public static bool IsCurrent(DateTime now, TimeSpan skew, DateTime? notBefore, DateTime? expires) =>
        expires is { } end && now < end + skew && (notBefore is not { } start || now >= start - skew);
}
