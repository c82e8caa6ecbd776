namespace Cluster.Grains.Interfaces.Identity;

/// <summary>The outcome of a registration.</summary>
/// <param name="User">The account created, or, when the email was taken by another account, null.</param>
public sealed record RegistrationResult(UserInfo? User)
{
    /// <summary>Whether the account was created (or had been, by the same registration retried).</summary>
    public bool Created => User is not null;
}
