using Cluster.Grains.Interfaces.Groups;

namespace Cluster.ApiHost.Groups;

/// <summary>A group in a list.</summary>
public sealed record GroupSummaryResponse(string Id, string Name, int MemberCount)
{
    /// <summary>The response for <paramref name="group"/>.</summary>
    public static GroupSummaryResponse From(GroupSummary group) => new(group.Id, group.Name, group.MemberCount);
}
