namespace Cluster.Grains.Groups;

/// <summary>The persisted state of a group name: the group holding it.</summary>
public sealed class GroupNameState
{
    public string? GroupId { get; set; }
}
