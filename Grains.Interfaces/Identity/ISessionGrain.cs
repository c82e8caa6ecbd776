using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// One signed-in session, keyed by a random session id. Its refresh token is opaque, stored as a hash and replaced on
/// every use; presenting one already used means it was stolen and replayed, so the whole session is revoked.
/// </summary>
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the session for <paramref name="user"/>, lasting at most <paramref name="lifetime"/>, and records it
    /// with the user. Refused when started before, or when the user may not sign in (inactive, or its session
    /// version moved on). <paramref name="userAgent"/> is kept (cut to <see cref="SessionLimits.MaxUserAgentLength"/>)
    /// so the user can tell sessions apart.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The lifetime is not positive.</exception>
    Task<SessionGrant> StartAsync(UserInfo user, TimeSpan lifetime, string? userAgent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Trades a refresh token for a new one. Refused when the token is not this session's current one (a used one
    /// also revokes the session, unless it was replaced less than <see cref="SessionLimits.RefreshReuseGrace"/>
    /// ago), when the session has ended, or when the user no longer counts it as live.
    /// </summary>
    Task<SessionGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the session when <paramref name="refreshToken"/> is one it would accept now (a sign-out by a client that
    /// holds no valid access token); returns whether it did. Never rotates or counts as a replay.
    /// </summary>
    Task<bool> SignOutAsync(string refreshToken, CancellationToken cancellationToken = default);

    /// <summary>Ends the session at once for <paramref name="reason"/>; ending an ended session changes nothing.</summary>
    Task<SessionInfo?> RevokeAsync(string reason, CancellationToken cancellationToken = default);

    /// <summary>The session, or null when it was never started.</summary>
    [ReadOnly]
    Task<SessionInfo?> GetAsync(CancellationToken cancellationToken = default);
}
