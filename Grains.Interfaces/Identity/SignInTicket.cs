namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// What the API host needs to check a password: the stored hash, or why no check may happen. The attempt is counted
/// as failed until <see cref="IUserGrain.CompleteSignInAsync"/> reports it succeeded, so parallel guesses cannot
/// slip past the lockout.
/// </summary>
/// <param name="PasswordHash">The stored hash; null when no attempt may be made (see the other fields) or the account has no password.</param>
/// <param name="LockedUntil">Set while the account is locked out after too many failed attempts.</param>
/// <param name="IsActive">False for a deactivated account.</param>
public sealed record SignInTicket(string? PasswordHash, DateTimeOffset? LockedUntil, bool IsActive);
