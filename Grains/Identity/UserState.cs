using Cluster.Grains.Interfaces.Identity;

namespace Cluster.Grains.Identity;

/// <summary>The persisted state of a user account.</summary>
public sealed class UserState
{
    /// <summary>False until the account is created; a grain for an unknown id stays empty.</summary>
    public bool Exists { get; set; }

    public string Email { get; set; } = string.Empty;

    /// <summary>Null for a guest or an account of an external identity provider, which have no password.</summary>
    public string? PasswordHash { get; set; }

    public UserType Type { get; set; }

    public UserRole Role { get; set; }

    public bool IsActive { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long SessionVersion { get; set; }

    /// <summary>Password attempts counted as failed since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>SHA-256 of the current password reset token, hex; null when none is outstanding.</summary>
    public string? PasswordResetHash { get; set; }

    public DateTimeOffset PasswordResetExpiresAt { get; set; }

    /// <summary>Live session ids with their expiry; cleared whenever the session version grows.</summary>
    public Dictionary<string, DateTimeOffset> Sessions { get; set; } = [];

    /// <summary>The issuer of the external identity provider the account signs in through; null for accounts made here.</summary>
    public string? ExternalIssuer { get; set; }

    /// <summary>The groups the user belongs to; the group grains keep this up to date.</summary>
    public List<string> GroupIds { get; set; } = [];

    /// <summary>The account as callers see it.</summary>
    /// <remarks>Lists are copied: local calls pass results by reference, so a view would change under the caller.</remarks>
    public UserInfo ToInfo(string id) => new(id, Email, Type, Role, IsActive, CreatedAt, SessionVersion, [.. GroupIds], ExternalIssuer);

    /// <summary>A copy to restore when a write fails.</summary>
    public UserState Clone()
    {
        var copy = (UserState)MemberwiseClone();
        copy.Sessions = new Dictionary<string, DateTimeOffset>(Sessions);
        copy.GroupIds = [.. GroupIds];
        return copy;
    }
}
