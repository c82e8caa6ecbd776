namespace Cluster.ApiHost.Groups;

/// <summary>A group to create, or the fields of one to change (null leaves a field as it is).</summary>
public sealed record GroupRequest(string? Name, string? Description);
