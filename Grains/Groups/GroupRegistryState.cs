using Cluster.Grains.Interfaces.Groups;

namespace Cluster.Grains.Groups;

/// <summary>The persisted state of the group registry.</summary>
public sealed class GroupRegistryState
{
    public Dictionary<string, GroupSummary> Groups { get; set; } = [];
}
