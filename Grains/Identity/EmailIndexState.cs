namespace Cluster.Grains.Identity;

/// <summary>The persisted state of one email address's index entry.</summary>
public sealed class EmailIndexState
{
    /// <summary>The user that claimed the address; null while it is free.</summary>
    public string? OwnerId { get; set; }
}
