namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>A workspace of a user, named by owner and id.</summary>
public sealed record WorkspaceRef(string OwnerId, string WorkspaceId);
