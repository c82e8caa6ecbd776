namespace Cluster.ApiHost.Users;

/// <summary>A whole profile to store; a missing or null field clears it.</summary>
public sealed record ProfileRequest(string? DisplayName, string? Bio, string? AvatarUrl, string? Locale, string? TimeZone);
