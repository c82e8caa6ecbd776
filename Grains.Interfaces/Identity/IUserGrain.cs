using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// One user account, keyed by user id: profile, role, password hash, sign-in throttling and the session version.
/// Accounts are created through <see cref="IEmailIndexGrain.RegisterAsync"/>, which keeps emails unique.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account; repeating it returns the account (a retried registration), unchanged. A guest account
    /// given regular data is upgraded in place: same id, new email and password, and its guest sessions end.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The data does not match this grain's key, a field is empty, or a regular account has no password hash.
    /// </exception>
    Task<UserInfo> CreateAsync(NewUser user, CancellationToken cancellationToken = default);

    /// <summary>The account, or null when it was never created.</summary>
    [ReadOnly]
    Task<UserInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The account when <paramref name="sessionId"/> is one of its live sessions, started under the current session
    /// version, and the account is active; otherwise null. Every authenticated request asks this, so a sign-out,
    /// password change or deactivation takes effect at once on every API host.
    /// </summary>
    [ReadOnly]
    Task<UserInfo?> AuthenticateAsync(string sessionId, long sessionVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a session started under <paramref name="sessionVersion"/>, live until <paramref name="expiresAt"/>;
    /// the oldest session ends past <see cref="SessionLimits.MaxActivePerUser"/>. Returns the account, or null when
    /// the session may not start (no account, inactive, or the version moved on meanwhile).
    /// </summary>
    Task<UserInfo?> SessionStartedAsync(string sessionId, long sessionVersion, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Forgets a session that ended; forgetting an unknown one changes nothing.</summary>
    Task SessionEndedAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>The ids of the account's live sessions, the latest to expire first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetSessionIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a password attempt: counts it as failed until completed, and hands out the hash unless locked or inactive.</summary>
    Task<SignInTicket?> BeginSignInAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the attempt begun last: a success clears the failures, a failure keeps it counted (and may lock the account).</summary>
    Task CompleteSignInAsync(bool succeeded, CancellationToken cancellationToken = default);

    /// <summary>
    /// Links the account to the identity provider <paramref name="issuer"/>, for a sign-in whose verified email is
    /// the account's: the password is removed and every existing session ends, since whoever registered the address
    /// here may not be its owner, and must not keep a way in. Null when the account does not exist or is already
    /// linked to another provider.
    /// </summary>
    Task<UserInfo?> LinkExternalAsync(string issuer, CancellationToken cancellationToken = default);

    /// <summary>Stores a new password hash and ends every existing session (the session version grows).</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> ChangePasswordHashAsync(string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a password reset token (by its SHA-256 <paramref name="tokenHash"/>) valid for
    /// <see cref="SignInLimits.PasswordResetLifetime"/>, replacing any earlier one. Returns false for a guest or an
    /// unknown or inactive account, which gets no token.
    /// </summary>
    Task<bool> StartPasswordResetAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the password when <paramref name="tokenHash"/> is the current, unexpired reset token, which is then used
    /// up; every session ends. Returns the account, or null when the token is wrong, used or expired.
    /// </summary>
    Task<UserInfo?> CompletePasswordResetAsync(string tokenHash, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the hash of the same password made with older settings, unless the hash changed meanwhile;
    /// sessions are untouched, as the password is not.
    /// </summary>
    Task RehashPasswordAsync(string currentHash, string newHash, CancellationToken cancellationToken = default);

    /// <summary>Activates or deactivates the account; deactivating ends every existing session.</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the user joined or left a group; called by the group grain, which owns the membership. Returns
    /// the account, or null when it does not exist (and then records nothing).
    /// </summary>
    Task<UserInfo?> SetGroupMembershipAsync(string groupId, bool isMember, CancellationToken cancellationToken = default);

    /// <summary>Changes the account's role.</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> SetRoleAsync(UserRole role, CancellationToken cancellationToken = default);
}
