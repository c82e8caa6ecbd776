namespace Cluster.ApiHost.Configs;

/// <summary>A configuration change or comparison: the version it concerns, the base compared against, the unified diff between them.</summary>
public sealed record ConfigChangeResponse(string Name, string? Version, string? BaseVersion, string? Active, string Diff);
