namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>A workspace shared with the viewer, as its owner has it now.</summary>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="WorkspaceId">The workspace's id in the owner's preferences (<c>/workspaces/{id}</c>).</param>
/// <param name="SnapshotJson">The owner's current workspace, as JSON.</param>
/// <param name="OwnerVersion">The version of the owner's preferences it was read from.</param>
public sealed record SharedWorkspaceInfo(string OwnerId, string WorkspaceId, string SnapshotJson, long OwnerVersion);
