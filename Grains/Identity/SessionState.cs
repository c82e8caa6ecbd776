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

    /// <summary>SHA-256 of the current refresh secret, hex.</summary>
    public string? CurrentSecretHash { get; set; }

    /// <summary>SHA-256 of every secret already used, hex: presenting one again is a replay.</summary>
    public List<string> UsedSecretHashes { get; set; } = [];

    /// <summary>A copy to restore when a write fails.</summary>
    public SessionState Clone()
    {
        var copy = (SessionState)MemberwiseClone();
        copy.UsedSecretHashes = [.. UsedSecretHashes];
        return copy;
    }
}
