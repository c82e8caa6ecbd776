using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

[GrainType("session")]
public sealed class SessionGrain(
    [PersistentState(SessionGrain.StateName)] IPersistentState<SessionState> session,
    TimeProvider timeProvider) : Grain, ISessionGrain
{
    public const string StateName = "session";

    /// <summary>The reason recorded when a used refresh token comes back.</summary>
    public const string ReplayReason = "A refresh token was used twice; the session was revoked in case it was stolen.";

    private SessionState State => session.State;

    public async Task<SessionGrant> StartAsync(UserInfo user, TimeSpan lifetime, CancellationToken cancellationToken = default)
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
            state.CurrentSecretHash = Hash(secret);
        }, state => state.Clone(), cancellationToken);
        return new SessionGrant(ToInfo(), TokenOf(secret), null);
    }

    public async Task<SessionGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (State.UserId is null)
        {
            return new SessionGrant(null, null, "No such session.");
        }

        var prefix = this.GetPrimaryKeyString() + ".";
        var hash = refreshToken.StartsWith(prefix, StringComparison.Ordinal) ? Hash(refreshToken[prefix.Length..]) : null;
        if (hash is not null && State.UsedSecretHashes.Contains(hash) && State.RevokedReason is null)
        {
            await RevokeAsync(ReplayReason, cancellationToken);
            return Refuse(ReplayReason);
        }

        var now = timeProvider.GetUtcNow();
        if (!ToInfo().IsActiveAt(now))
        {
            return Refuse(State.RevokedReason ?? "The session has expired; sign in again.");
        }

        if (hash is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(State.CurrentSecretHash ?? string.Empty)))
        {
            return Refuse("The refresh token is not this session's.");
        }

        var user = await GrainFactory.GetGrain<IUserGrain>(State.UserId).GetAsync(cancellationToken);
        if (user is null || !user.IsActive || user.SessionVersion != State.SessionVersion)
        {
            await RevokeAsync("The user's sessions were ended (password change or deactivation).", cancellationToken);
            return Refuse(State.RevokedReason!);
        }

        var secret = NewSecret();
        await session.ChangeAsync(state =>
        {
            state.UsedSecretHashes.Add(hash);
            state.CurrentSecretHash = Hash(secret);
            state.LastRefreshedAt = now;
        }, state => state.Clone(), cancellationToken);
        return new SessionGrant(ToInfo(), TokenOf(secret), null);
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
            await session.ChangeAsync(state => (state.RevokedReason, state.CurrentSecretHash) = (reason, null), state => state.Clone(), cancellationToken);
        }

        return ToInfo();
    }

    public Task<SessionInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.UserId is null ? null : ToInfo());

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // The secret has 256 random bits: a fast hash is enough, unlike for passwords.
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private string TokenOf(string secret) => $"{this.GetPrimaryKeyString()}.{secret}";

    private SessionGrant Refuse(string reason) => new(ToInfo(), null, reason);

    private SessionInfo ToInfo() =>
        new(this.GetPrimaryKeyString(), State.UserId!, State.SessionVersion, State.CreatedAt, State.LastRefreshedAt, State.ExpiresAt, State.RevokedReason);
}
