namespace Cluster.Grains.Interfaces.Identity;

/// <summary>How a user grain throttles password attempts on its account, and how long a reset token lasts.</summary>
public static class SignInLimits
{
    /// <summary>Failed attempts in a row that lock the account.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a lockout lasts; attempts during it are refused without checking the password.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How long a password reset token may be used (once).</summary>
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(30);
}
