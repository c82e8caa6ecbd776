using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The rules for a user's password: attempts, lockout, changes and reset tokens.</summary>
internal static class UserPasswords
{
    /// <summary>
    /// Counts an attempt as failed before the password is checked, so parallel guesses each count whatever order
    /// they end in; the attempt that reaches the limit locks the account.
    /// </summary>
    public static void CountAttempt(UserState state, DateTimeOffset now)
    {
        state.FailedSignIns = state.LockedUntil is null ? state.FailedSignIns + 1 : 1;
        state.LockedUntil = state.FailedSignIns >= SignInLimits.MaxFailedAttempts ? now + SignInLimits.LockoutDuration : null;
    }

    /// <summary>Sets a new password: every session ends, and so do the lockout and any outstanding reset.</summary>
    public static void Set(UserState state, string passwordHash)
    {
        state.PasswordHash = passwordHash;
        UserSessions.EndAll(state);
        (state.FailedSignIns, state.LockedUntil, state.PasswordResetHash) = (0, null, null);
    }

    /// <summary>Whether <paramref name="tokenHash"/> is the outstanding reset token, compared in constant time.</summary>
    public static bool IsResetToken(UserState state, string tokenHash) =>
        state.PasswordResetHash is { } expected
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(tokenHash));
}
