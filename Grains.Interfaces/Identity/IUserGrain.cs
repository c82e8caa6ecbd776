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
    /// Creates the account; repeating it with the same data returns the account (a retried registration), and so
    /// does any call once it exists, unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not match this grain's key, or a field is empty.</exception>
    Task<UserInfo> CreateAsync(NewUser user, CancellationToken cancellationToken = default);

    /// <summary>The account, or null when it was never created.</summary>
    [ReadOnly]
    Task<UserInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a password attempt: counts it as failed until completed, and hands out the hash unless locked or inactive.</summary>
    Task<SignInTicket?> BeginSignInAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the attempt begun last: a success clears the failures, a failure keeps it counted (and may lock the account).</summary>
    Task CompleteSignInAsync(bool succeeded, CancellationToken cancellationToken = default);

    /// <summary>Stores a new password hash and ends every existing session (the session version grows).</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> ChangePasswordHashAsync(string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Activates or deactivates the account; deactivating ends every existing session.</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default);

    /// <summary>Changes the account's role.</summary>
    /// <exception cref="InvalidOperationException">The account does not exist.</exception>
    Task<UserInfo> SetRoleAsync(UserRole role, CancellationToken cancellationToken = default);
}
