using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Identity;

[GrainType("user")]
public sealed class UserGrain(
    [PersistentState(UserGrain.StateName)] IPersistentState<UserState> user,
    TimeProvider timeProvider) : Grain, IUserGrain
{
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
        if (newUser.Type == UserType.Regular)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(newUser.PasswordHash);
        }

        if (State.Exists && !(State.Type == UserType.Guest && newUser.Type == UserType.Regular))
        {
            return ToInfo();
        }

        var upgrade = State.Exists;
        await user.ChangeAsync(state =>
        {
            state.Email = newUser.Email.Trim();
            state.PasswordHash = newUser.PasswordHash;
            state.Type = newUser.Type;
            if (upgrade)
            {
                // The guest's tokens say "guest": they must not keep working for the account it became.
                UserSessions.EndAll(state);
                return;
            }

            state.Exists = true;
            state.Role = UserRole.User;
            state.IsActive = true;
            state.CreatedAt = timeProvider.GetUtcNow();
            state.SessionVersion = 1;
        }, state => state.Clone(), cancellationToken);
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
            await user.ChangeAsync(state => UserSessions.Add(state, sessionId, expiresAt, now), state => state.Clone(), cancellationToken);
        }

        return ToInfo();
    }

    public async Task SessionEndedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (State.Sessions.ContainsKey(sessionId))
        {
            await user.ChangeAsync(state => state.Sessions.Remove(sessionId), state => state.Clone(), cancellationToken);
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

        // Counted before the password is checked: parallel guesses each count, whatever order they end in.
        await user.ChangeAsync(state =>
        {
            state.FailedSignIns = state.LockedUntil is null ? state.FailedSignIns + 1 : 1;
            state.LockedUntil = state.FailedSignIns >= SignInLimits.MaxFailedAttempts ? now + SignInLimits.LockoutDuration : null;
        }, state => state.Clone(), cancellationToken);
        return new SignInTicket(State.PasswordHash, null, IsActive: true);
    }

    public async Task CompleteSignInAsync(bool succeeded, CancellationToken cancellationToken = default)
    {
        if (succeeded && State.Exists && (State.FailedSignIns != 0 || State.LockedUntil is not null))
        {
            await user.ChangeAsync(state => (state.FailedSignIns, state.LockedUntil) = (0, null), state => state.Clone(), cancellationToken);
        }
    }

    public async Task<UserInfo> ChangePasswordHashAsync(string passwordHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        EnsureExists();
        await user.ChangeAsync(state =>
        {
            state.PasswordHash = passwordHash;
            UserSessions.EndAll(state);
            (state.FailedSignIns, state.LockedUntil) = (0, null);
        }, state => state.Clone(), cancellationToken);
        return ToInfo();
    }

    public async Task RehashPasswordAsync(string currentHash, string newHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newHash);
        if (State.Exists && State.PasswordHash == currentHash)
        {
            await user.ChangeAsync(state => state.PasswordHash = newHash, state => state.Clone(), cancellationToken);
        }
    }

    public async Task<UserInfo> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (State.IsActive != isActive)
        {
            await user.ChangeAsync(state =>
            {
                state.IsActive = isActive;
                if (!isActive)
                {
                    UserSessions.EndAll(state);
                }
            }, state => state.Clone(), cancellationToken);
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
            await user.ChangeAsync(state => state.Role = role, state => state.Clone(), cancellationToken);
        }

        return ToInfo();
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new InvalidOperationException($"User '{this.GetPrimaryKeyString()}' does not exist.");
        }
    }

    private UserInfo ToInfo() =>
        new(this.GetPrimaryKeyString(), State.Email, State.Type, State.Role, State.IsActive, State.CreatedAt, State.SessionVersion);
}
