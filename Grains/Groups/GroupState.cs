namespace Cluster.Grains.Groups;

/// <summary>The persisted state of a group.</summary>
public sealed class GroupState
{
    public bool Exists { get; set; }

    public bool Deleted { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public List<string> MemberIds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A copy to restore when a write fails.</summary>
    public GroupState Clone()
    {
        var copy = (GroupState)MemberwiseClone();
        copy.MemberIds = [.. MemberIds];
        return copy;
    }
}
