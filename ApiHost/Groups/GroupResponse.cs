using Cluster.Grains.Interfaces.Groups;

namespace Cluster.ApiHost.Groups;

/// <summary>A group with its members' ids.</summary>
public sealed record GroupResponse(string Id, string Name, string Description, IReadOnlyList<string> MemberIds, DateTimeOffset CreatedAt)
{
    /// <summary>The response for <paramref name="group"/>.</summary>
    public static GroupResponse From(GroupInfo group) => new(group.Id, group.Name, group.Description, group.MemberIds, group.CreatedAt);
}
