namespace Cluster.ApiHost.Groups;

/// <summary>A group as pickers show it.</summary>
public sealed record GroupRef(string Id, string Name);
