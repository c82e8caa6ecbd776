namespace Cluster.Grains.Users;

/// <summary>The persisted state of a user's profile.</summary>
public sealed class ProfileState
{
    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public string? AvatarUrl { get; set; }

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>A copy to restore when a write fails; every member is a value or an immutable string.</summary>
    public ProfileState Clone() => (ProfileState)MemberwiseClone();
}
