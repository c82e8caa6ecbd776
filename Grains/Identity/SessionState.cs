namespace Cluster.Grains.Identity;

/// <summary>The persisted state of a session.</summary>
public sealed class SessionState
{
    public string? UserId { get; set; }

    public long SessionVersion { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastRefreshedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? RevokedReason { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>
    /// SHA-256 of the refresh secrets that may be used now, hex: the latest, and any handed out during the grace
    /// period of the one before (<see cref="Cluster.Grains.Interfaces.Identity.SessionLimits.RefreshReuseGrace"/>).
    /// </summary>
    public List<string> CurrentSecretHashes { get; set; } = [];

    /// <summary>SHA-256 of the secrets replaced last, still accepted until <see cref="GraceEndsAt"/>.</summary>
    public List<string> GraceSecretHashes { get; set; } = [];

    public DateTimeOffset GraceEndsAt { get; set; }

    /// <summary>SHA-256 of every secret already used, hex: presenting one again is a replay.</summary>
    public List<string> UsedSecretHashes { get; set; } = [];

    /// <summary>A copy to restore when a write fails.</summary>
    public SessionState Clone()
    {
        var copy = (SessionState)MemberwiseClone();
        copy.UsedSecretHashes = [.. UsedSecretHashes];
        copy.CurrentSecretHashes = [.. CurrentSecretHashes];
        copy.GraceSecretHashes = [.. GraceSecretHashes];
        return copy;
    }
}
