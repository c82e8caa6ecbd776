namespace Cluster.Grains.Interfaces.Identity;

/// <summary>A signed-in session as callers see it; never carries a refresh token or its hash.</summary>
/// <param name="Id">The session id (the grain key), carried in access tokens as <c>sid</c>.</param>
/// <param name="UserId">The user signed in.</param>
/// <param name="SessionVersion">The user's session version when it started; a newer one on the user ends the session.</param>
/// <param name="CreatedAt">When the user signed in.</param>
/// <param name="LastRefreshedAt">When its refresh token was last used; null before the first refresh.</param>
/// <param name="ExpiresAt">When it ends at the latest, refreshed or not.</param>
/// <param name="UserAgent">The user agent of the client that signed in, cut short; null when it sent none.</param>
/// <param name="RevokedReason">Why it ended early (sign-out, replay of a used refresh token, password change); null while it lives.</param>
public sealed record SessionInfo(
    string Id, string UserId, long SessionVersion, DateTimeOffset CreatedAt, DateTimeOffset? LastRefreshedAt, DateTimeOffset ExpiresAt, string? UserAgent, string? RevokedReason)
{
    /// <summary>Whether the session may still be used at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedReason is null && now < ExpiresAt;
}
