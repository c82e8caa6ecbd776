namespace Cluster.Grains.Configs;

/// <summary>The persisted document of one configuration version.</summary>
public sealed class ConfigRevisionState
{
    public string? DocumentJson { get; set; }
}
