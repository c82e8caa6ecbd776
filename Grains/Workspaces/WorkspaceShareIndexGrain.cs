using Cluster.Grains.Interfaces.Workspaces;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Workspaces;

[GrainType("workspace-share-index")]
public sealed class WorkspaceShareIndexGrain(
    [PersistentState(WorkspaceShareIndexGrain.StateName)] IPersistentState<WorkspaceShareIndexState> index) : Grain, IWorkspaceShareIndexGrain
{
    public const string StateName = "workspace-share-index";

    public async Task AddAsync(WorkspaceRef workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (index.State.Workspaces.Contains(workspace))
        {
            return;
        }

        if (index.State.Workspaces.Count >= IWorkspaceShareIndexGrain.MaxEntries)
        {
            throw new InvalidOperationException($"{IWorkspaceShareIndexGrain.MaxEntries} workspaces are shared with this grantee already.");
        }

        await index.ChangeAsync(state => state.Workspaces.Add(workspace), state => new WorkspaceShareIndexState { Workspaces = [.. state.Workspaces] }, cancellationToken);
    }

    public async Task RemoveAsync(WorkspaceRef workspace, CancellationToken cancellationToken = default)
    {
        if (index.State.Workspaces.Contains(workspace))
        {
            await index.ChangeAsync(state => state.Workspaces.Remove(workspace), state => new WorkspaceShareIndexState { Workspaces = [.. state.Workspaces] }, cancellationToken);
        }
    }

    public Task<IReadOnlyList<WorkspaceRef>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkspaceRef>>([.. index.State.Workspaces]);
}
