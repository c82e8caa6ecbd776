namespace Cluster.Grains.Interfaces.Identity;

/// <summary>One page of a user search.</summary>
/// <param name="Users">The users, by email.</param>
/// <param name="NextCursor">Where the next page starts, opaque; null after the last page.</param>
public sealed record UserPage(IReadOnlyList<UserInfo> Users, string? NextCursor);
