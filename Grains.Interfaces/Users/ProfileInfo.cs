namespace Cluster.Grains.Interfaces.Users;

/// <summary>What a user tells about themselves; every field is optional and stored as given.</summary>
/// <param name="DisplayName">The name shown to others.</param>
/// <param name="Bio">A few words about the user.</param>
/// <param name="AvatarUrl">An https URL of the user's picture.</param>
/// <param name="Locale">A culture name such as <c>en-GB</c>.</param>
/// <param name="TimeZone">An IANA time zone such as <c>Europe/Paris</c>.</param>
/// <param name="UpdatedAt">When it was last changed; null before the first change.</param>
public sealed record ProfileInfo(string? DisplayName, string? Bio, string? AvatarUrl, string? Locale, string? TimeZone, DateTimeOffset? UpdatedAt);
