using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Interfaces.Workspaces;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Preferences;

/// <summary>
/// The workspaces shared with a caller, assembled on every read from the grants to them, their groups and their role,
/// each read from its owner at that moment: nothing is stored with the reader, so nothing can go stale.
/// </summary>
public static class SharedWorkspaceLibrary
{
    /// <summary>The most shared workspaces one read assembles.</summary>
    public const int MaxWorkspaces = 200;

    public static WorkspaceViewer ViewerOf(UserInfo user) =>
        new(user.Id, user.GroupIds, user.Role == UserRole.Admin ? IdentityNames.Admin : IdentityNames.User);

    public static async Task<IReadOnlyList<SharedWorkspaceResponse>> ReadAsync(IClusterClient cluster, UserInfo user, CancellationToken cancellationToken)
    {
        var viewer = ViewerOf(user);
        var listed = await Task.WhenAll(viewer.Grantees.Select(grantee => cluster.GetGrain<IWorkspaceShareIndexGrain>(grantee.IndexKey).ListAsync(cancellationToken)));
        var workspaces = listed.SelectMany(list => list).Where(workspace => workspace.OwnerId != user.Id).Distinct().Take(MaxWorkspaces).ToList();
        var shared = await Task.WhenAll(workspaces.Select(workspace =>
            cluster.GetGrain<IWorkspaceSharingGrain>(workspace.OwnerId).GetSharedAsync(workspace.WorkspaceId, viewer, cancellationToken)));
        return [.. shared.OfType<SharedWorkspaceInfo>().OrderBy(item => item.OwnerId, StringComparer.Ordinal).ThenBy(item => item.WorkspaceId, StringComparer.Ordinal).Select(SharedWorkspaceResponse.From)];
    }
}
