using Cluster.Grains.Interfaces.Users;

namespace Cluster.ApiHost.Users;

/// <summary>A user's profile.</summary>
public sealed record ProfileResponse(string? DisplayName, string? Bio, string? AvatarUrl, string? Locale, string? TimeZone, DateTimeOffset? UpdatedAt)
{
    /// <summary>The response for <paramref name="profile"/>.</summary>
    public static ProfileResponse From(ProfileInfo profile) =>
        new(profile.DisplayName, profile.Bio, profile.AvatarUrl, profile.Locale, profile.TimeZone, profile.UpdatedAt);
}
