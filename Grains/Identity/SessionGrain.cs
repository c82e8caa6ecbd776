using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

// Calls go from sessions to users only, never back: a user grain never waits on a session grain, so the two cannot
// deadlock waiting on each other.
[GrainType("session")]
public sealed class SessionGrain(
    [PersistentState(SessionGrain.StateName)] IPersistentState<SessionState> session,
    TimeProvider timeProvider) : Grain, ISessionGrain
{
    public const string StateName = "session";

    /// <summary>The reason recorded when a used refresh token comes back.</summary>
    public const string ReplayReason = "A refresh token was used twice; the session was revoked in case it was stolen.";

    /// <summary>The reason recorded when the user no longer counts the session as live.</summary>
    public const string UserEndedReason = "The user's sessions were ended (password change, deactivation or too many sessions).";

    /// <summary>The reason recorded when the user signs out.</summary>
    public const string SignedOutReason = "Signed out.";

    private SessionState State => session.State;

    public async Task<SessionGrant> StartAsync(UserInfo user, TimeSpan lifetime, string? userAgent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (State.UserId is not null)
        {
            return Refuse("The session has already started.");
        }

        var now = timeProvider.GetUtcNow();
        var secret = NewSecret();
        await session.ChangeAsync(state =>
        {
            state.UserId = user.Id;
            state.SessionVersion = user.SessionVersion;
            state.CreatedAt = now;
            state.ExpiresAt = now + lifetime;
            state.UserAgent = userAgent is { Length: > SessionLimits.MaxUserAgentLength } ? userAgent[..SessionLimits.MaxUserAgentLength] : userAgent;
            state.CurrentSecretHashes = [Hash(secret)];
        }, state => state.Clone(), cancellationToken);

        // Recorded with the user after the session is stored: a failure here leaves a session the user does not
        // count as live, which no token can use.
        if (await GrainFactory.GetGrain<IUserGrain>(user.Id).SessionStartedAsync(this.GetPrimaryKeyString(), user.SessionVersion, State.ExpiresAt, cancellationToken) is null)
        {
            await RevokeAsync(UserEndedReason, cancellationToken);
            return Refuse(UserEndedReason);
        }

        return new SessionGrant(ToInfo(), TokenOf(secret), null);
    }

    public async Task<SessionGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (State.UserId is null)
        {
            return new SessionGrant(null, null, "No such session.");
        }

        var hash = HashOf(refreshToken);
        var now = timeProvider.GetUtcNow();
        var current = hash is not null && Contains(State.CurrentSecretHashes, hash);
        var inGrace = !current && hash is not null && now < State.GraceEndsAt && Contains(State.GraceSecretHashes, hash);
        if (hash is not null && !current && !inGrace && (State.UsedSecretHashes.Contains(hash) || State.GraceSecretHashes.Contains(hash)) && State.RevokedReason is null)
        {
            await RevokeAsync(ReplayReason, cancellationToken);
            return Refuse(ReplayReason);
        }

        if (!ToInfo().IsActiveAt(now))
        {
            return Refuse(State.RevokedReason ?? "The session has expired; sign in again.");
        }

        if (!current && !inGrace)
        {
            return Refuse("The refresh token is not this session's.");
        }

        if (await GrainFactory.GetGrain<IUserGrain>(State.UserId).AuthenticateAsync(this.GetPrimaryKeyString(), State.SessionVersion, cancellationToken) is null)
        {
            await RevokeAsync(UserEndedReason, cancellationToken);
            return Refuse(UserEndedReason);
        }

        var secret = NewSecret();
        await session.ChangeAsync(state =>
        {
            if (current)
            {
                state.UsedSecretHashes.AddRange(state.GraceSecretHashes);
                state.GraceSecretHashes = state.CurrentSecretHashes;
                state.GraceEndsAt = now + SessionLimits.RefreshReuseGrace;
                state.CurrentSecretHashes = [Hash(secret)];
            }
            else
            {
                // A sibling of the token handed out to the first of several requests: whichever one the client
                // keeps, it works.
                state.CurrentSecretHashes.Add(Hash(secret));
            }

            state.LastRefreshedAt = now;
        }, state => state.Clone(), cancellationToken);
        return new SessionGrant(ToInfo(), TokenOf(secret), null);
    }

    public async Task<bool> SignOutAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var hash = HashOf(refreshToken);
        if (hash is null || !ToInfo().IsActiveAt(timeProvider.GetUtcNow())
            || !(Contains(State.CurrentSecretHashes, hash) || (timeProvider.GetUtcNow() < State.GraceEndsAt && Contains(State.GraceSecretHashes, hash))))
        {
            return false;
        }

        await RevokeAsync(SignedOutReason, cancellationToken);
        return true;
    }

    public async Task<SessionInfo?> RevokeAsync(string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (State.UserId is null)
        {
            return null;
        }

        if (State.RevokedReason is null)
        {
            await session.ChangeAsync(state =>
            {
                state.RevokedReason = reason;
                state.UsedSecretHashes.AddRange(state.GraceSecretHashes);
                state.UsedSecretHashes.AddRange(state.CurrentSecretHashes);
                (state.GraceSecretHashes, state.CurrentSecretHashes) = ([], []);
            }, state => state.Clone(), cancellationToken);
        }

        // Also when already revoked: an earlier revocation may have failed before it reached the user.
        await GrainFactory.GetGrain<IUserGrain>(State.UserId).SessionEndedAsync(this.GetPrimaryKeyString(), cancellationToken);
        return ToInfo();
    }

    public Task<SessionInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.UserId is null ? null : ToInfo());

    private static bool Contains(List<string> hashes, string hash)
    {
        var presented = Encoding.ASCII.GetBytes(hash);
        var found = false;
        foreach (var candidate in hashes)
        {
            found |= CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(candidate));
        }

        return found;
    }

    /// <summary>The hash of the token's secret, or null when the token is not of this session.</summary>
    private string? HashOf(string refreshToken)
    {
        var prefix = this.GetPrimaryKeyString() + ".";
        return State.UserId is not null && refreshToken.StartsWith(prefix, StringComparison.Ordinal) ? Hash(refreshToken[prefix.Length..]) : null;
    }

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    // The secret has 256 random bits: a fast hash is enough, unlike for passwords.
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private string TokenOf(string secret) => $"{this.GetPrimaryKeyString()}.{secret}";

    private SessionGrant Refuse(string reason) => new(ToInfo(), null, reason);

    private SessionInfo ToInfo() => new(
        this.GetPrimaryKeyString(), State.UserId!, State.SessionVersion, State.CreatedAt, State.LastRefreshedAt, State.ExpiresAt, State.UserAgent, State.RevokedReason);
}
