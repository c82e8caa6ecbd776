namespace Cluster.Grains.Users;

/// <summary>The persisted state of the preferences policy.</summary>
public sealed class PreferencesPolicyState
{
    public string DefaultsJson { get; set; } = "{}";

    public List<string> LockedKeys { get; set; } = [];

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
