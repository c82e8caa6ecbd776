using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

[GrainType(UserGrain.TypeName)]
public sealed class UserGrain(
    [PersistentState(UserGrain.StateName)] IPersistentState<UserState> user,
    TimeProvider timeProvider) : Grain, IUserGrain
{
    public const string TypeName = "user";

    public const string StateName = "user";

    private UserState State => user.State;

    public async Task<UserInfo> CreateAsync(NewUser newUser, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newUser);
        if (newUser.Id != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The new user's id '{newUser.Id}' is not this grain's key '{this.GetPrimaryKeyString()}'.", nameof(newUser));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(newUser.Email);
        UserAccounts.EnsureValid(newUser);

        if (UserAccounts.Changes(State, newUser))
        {
            var now = timeProvider.GetUtcNow();
            await ChangeAsync(state => UserAccounts.Apply(state, newUser, now), cancellationToken);
        }

        return ToInfo();
    }

    public Task<UserInfo?> AuthenticateAsync(string sessionId, long sessionVersion, CancellationToken cancellationToken = default) =>
        Task.FromResult(UserSessions.IsLive(State, sessionId, sessionVersion, timeProvider.GetUtcNow()) ? ToInfo() : null);

    public async Task<UserInfo?> SessionStartedAsync(
        string sessionId, long sessionVersion, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var now = timeProvider.GetUtcNow();
        if (!State.Exists || !State.IsActive || State.SessionVersion != sessionVersion || expiresAt <= now)
        {
            return null;
        }

        if (!State.Sessions.ContainsKey(sessionId))
        {
            await ChangeAsync(state => UserSessions.Add(state, sessionId, expiresAt, now), cancellationToken);
        }

        return ToInfo();
    }

    public async Task SessionEndedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (State.Sessions.ContainsKey(sessionId))
        {
            await ChangeAsync(state => state.Sessions.Remove(sessionId), cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> GetSessionIdsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(UserSessions.Live(State, timeProvider.GetUtcNow()));

    public Task<UserInfo?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(State.Exists ? ToInfo() : null);

    public async Task<SignInTicket?> BeginSignInAsync(CancellationToken cancellationToken = default)
    {
        if (!State.Exists)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        if (!State.IsActive || State.LockedUntil > now)
        {
            return new SignInTicket(null, State.LockedUntil > now ? State.LockedUntil : null, State.IsActive);
        }

        await ChangeAsync(state => UserPasswords.CountAttempt(state, now), cancellationToken);
        return new SignInTicket(State.PasswordHash, null, IsActive: true);
    }

    public async Task CompleteSignInAsync(bool succeeded, CancellationToken cancellationToken = default)
    {
        if (succeeded && State.Exists && (State.FailedSignIns != 0 || State.LockedUntil is not null))
        {
            await ChangeAsync(state => (state.FailedSignIns, state.LockedUntil) = (0, null), cancellationToken);
        }
    }

    public async Task<UserInfo?> LinkExternalAsync(string issuer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        if (!State.Exists || (State.ExternalIssuer is { } linked && linked != issuer))
        {
            return null;
        }

        if (State.ExternalIssuer is null)
        {
            await ChangeAsync(state =>
            {
                state.ExternalIssuer = issuer;
                state.PasswordHash = null;
                state.PasswordResetHash = null;
                UserSessions.EndAll(state);
            }, cancellationToken);
        }

        return ToInfo();
    }

    public async Task<UserInfo> ChangePasswordHashAsync(string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        EnsureExists();
        await ChangeAsync(state => UserPasswords.Set(state, passwordHash), cancellationToken);
        return ToInfo();
    }

    public async Task<bool> StartPasswordResetAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (!State.Exists || !State.IsActive || State.PasswordHash is null)
        {
            return false;
        }

        var expiresAt = timeProvider.GetUtcNow() + SignInLimits.PasswordResetLifetime;
        await ChangeAsync(state => (state.PasswordResetHash, state.PasswordResetExpiresAt) = (tokenHash, expiresAt), cancellationToken);
        return true;
    }

    public async Task<UserInfo?> CompletePasswordResetAsync(string tokenHash, string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        if (!State.IsActive || !UserPasswords.IsResetToken(State, tokenHash))
        {
            return null;
        }

        // An expired token is used up too: it can never work again.
        var expired = timeProvider.GetUtcNow() >= State.PasswordResetExpiresAt;
        await ChangeAsync(
            state =>
            {
                if (expired)
                {
                    state.PasswordResetHash = null;
                }
                else
                {
                    UserPasswords.Set(state, passwordHash);
                }
            },
            cancellationToken);
        return expired ? null : ToInfo();
    }

    public async Task RehashPasswordAsync(string currentHash, string newHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
        if (State.Exists && State.PasswordHash == currentHash)
        {
            await ChangeAsync(state => state.PasswordHash = newHash, cancellationToken);
        }
    }

    public async Task<UserInfo> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (State.IsActive != isActive)
        {
            await ChangeAsync(state => UserAccounts.SetActive(state, isActive), cancellationToken);
        }

        return ToInfo();
    }

    public async Task<UserInfo> SetRoleAsync(UserRole role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Use User or Admin.");
        }

        EnsureExists();
        if (State.Role != role)
        {
            await ChangeAsync(state => state.Role = role, cancellationToken);
        }

        return ToInfo();
    }

    public async Task<UserInfo?> SetGroupMembershipAsync(string groupId, bool isMember, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        if (!State.Exists)
        {
            return null;
        }

        if (State.GroupIds.Contains(groupId) != isMember)
        {
            await ChangeAsync(state => UserAccounts.SetGroupMembership(state, groupId, isMember), cancellationToken);
        }

        return ToInfo();
    }

    private Task ChangeAsync(Action<UserState> change, CancellationToken cancellationToken) =>
        user.ChangeAsync(change, state => state.Clone(), cancellationToken);

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new InvalidOperationException($"User '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private UserInfo ToInfo() => State.ToInfo(this.GetPrimaryKeyString());
}
