namespace Cluster.Grains.Settings;

/// <summary>A system prompt an administrator changed.</summary>
public sealed record SystemPromptState(string Content, DateTimeOffset UpdatedAt, string UpdatedBy);
