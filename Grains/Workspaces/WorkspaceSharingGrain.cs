using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Interfaces.Workspaces;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Workspaces;

/// <summary>
/// One owner's workspace grants. A grant is written here first and then listed in the grantee's index; a revocation the
/// other way round is not needed: readers always check the grant here, so an index entry left behind shows nothing.
/// </summary>
[GrainType("workspace-sharing")]
public sealed class WorkspaceSharingGrain(
    [PersistentState(WorkspaceSharingGrain.StateName)] IPersistentState<WorkspaceSharingState> sharing) : Grain, IWorkspaceSharingGrain
{
    public const string StateName = "workspace-sharing";

    private string OwnerId => this.GetPrimaryKeyString();

    public async Task<string?> GrantAsync(string workspaceId, WorkspaceGrantee grantee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        if (await SnapshotAsync(workspaceId, cancellationToken) is null)
        {
            return $"There is no workspace '{workspaceId}' in your preferences; save it under /workspaces/{workspaceId} first.";
        }

        var grants = sharing.State.Grants.GetValueOrDefault(workspaceId) ?? [];
        if (!grants.Contains(grantee))
        {
            if (grants.Count >= WorkspaceGrantee.MaxPerWorkspace)
            {
                return $"A workspace may be shared with at most {WorkspaceGrantee.MaxPerWorkspace} users, groups and roles.";
            }

            await sharing.ChangeAsync(
                state => (state.Grants.TryGetValue(workspaceId, out var list) ? list : state.Grants[workspaceId] = []).Add(grantee),
                state => state.Copy(),
                cancellationToken);
        }

        // Also when the grant existed: a grant whose index write failed before is listed now.
        await Index(grantee).AddAsync(new WorkspaceRef(OwnerId, workspaceId), cancellationToken);
        return null;
    }

    public async Task<bool> RevokeAsync(string workspaceId, WorkspaceGrantee grantee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        if (!sharing.State.Grants.TryGetValue(workspaceId, out var grants) || !grants.Contains(grantee))
        {
            return false;
        }

        await sharing.ChangeAsync(
            state =>
            {
                state.Grants[workspaceId].Remove(grantee);
                if (state.Grants[workspaceId].Count == 0)
                {
                    state.Grants.Remove(workspaceId);
                }
            },
            state => state.Copy(),
            cancellationToken);
        await Index(grantee).RemoveAsync(new WorkspaceRef(OwnerId, workspaceId), cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<WorkspaceGrantee>> ListGrantsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkspaceGrantee>>([.. sharing.State.Grants.GetValueOrDefault(workspaceId) ?? []]);

    public async Task<SharedWorkspaceInfo?> GetSharedAsync(string workspaceId, WorkspaceViewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var grants = sharing.State.Grants.GetValueOrDefault(workspaceId);
        if (grants is null || !viewer.Grantees.Any(grants.Contains))
        {
            return null;
        }

        return await SnapshotAsync(workspaceId, cancellationToken) is var (snapshot, version) ? new SharedWorkspaceInfo(OwnerId, workspaceId, snapshot, version) : null;
    }

    // The owner's workspace as their preferences hold it now; null when they have none of that id.
    private async Task<(string Snapshot, long Version)?> SnapshotAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var preferences = await GrainFactory.GetGrain<IPreferencesGrain>(OwnerId).GetAsync(cancellationToken);
        return JsonNode.Parse(preferences.UiJson)?["workspaces"]?[workspaceId] is JsonObject workspace ? (workspace.ToJsonString(), preferences.Version) : null;
    }

    private IWorkspaceShareIndexGrain Index(WorkspaceGrantee grantee) => GrainFactory.GetGrain<IWorkspaceShareIndexGrain>(grantee.IndexKey);
}
