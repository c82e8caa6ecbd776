namespace Cluster.Grains.Interfaces.Groups;

/// <summary>A group of users, as callers see it.</summary>
/// <param name="Id">The group's id (the grain key).</param>
/// <param name="Name">The name as written; its normalised form (<see cref="GroupName.Normalize"/>) is unique.</param>
/// <param name="Description">What the group is for; may be empty.</param>
/// <param name="MemberIds">The members' user ids.</param>
/// <param name="CreatedAt">When the group was created.</param>
public sealed record GroupInfo(string Id, string Name, string Description, IReadOnlyList<string> MemberIds, DateTimeOffset CreatedAt);
