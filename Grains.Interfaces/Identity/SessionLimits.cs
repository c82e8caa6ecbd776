namespace Cluster.Grains.Interfaces.Identity;

/// <summary>Bounds on a user's sessions.</summary>
public static class SessionLimits
{
    /// <summary>Sessions a user may have at once; starting one more ends the one expiring first.</summary>
    public const int MaxActivePerUser = 100;

    /// <summary>
    /// How long a refresh token just replaced is still accepted without counting as a replay. A browser that sends
    /// several requests with the same expired access token refreshes with one token several times; each gets a
    /// token of its own, and the session lives. A copy used later than this still revokes the session.
    /// </summary>
    public static readonly TimeSpan RefreshReuseGrace = TimeSpan.FromSeconds(10);

    /// <summary>Characters of a client's user agent kept with its session, so the user can tell sessions apart.</summary>
    public const int MaxUserAgentLength = 256;
}
