namespace Cluster.Grains.Interfaces.Identity;

/// <summary>A user as callers see it; never carries the password hash.</summary>
/// <param name="Id">The user's id (the grain key).</param>
/// <param name="Email">The email as the user typed it; a guest's is generated.</param>
/// <param name="Type">Regular or guest.</param>
/// <param name="Role">User or admin.</param>
/// <param name="IsActive">False once an administrator deactivated the account: it can no longer sign in.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="SessionVersion">
/// Grows whenever every existing session must end (password change, deactivation): tokens issued under an older
/// version are refused.
/// </param>
/// <param name="GroupIds">The groups the user belongs to.</param>
/// <param name="ExternalIssuer">
/// The issuer of the external identity provider the account was provisioned for, which it signs in through (it has no
/// password); null for accounts made here.
/// </param>
public sealed record UserInfo(
    string Id,
    string Email,
    UserType Type,
    UserRole Role,
    bool IsActive,
    DateTimeOffset CreatedAt,
    long SessionVersion,
    IReadOnlyList<string> GroupIds,
    string? ExternalIssuer = null);
