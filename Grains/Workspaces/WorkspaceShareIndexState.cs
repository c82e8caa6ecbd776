using Cluster.Grains.Interfaces.Workspaces;

namespace Cluster.Grains.Workspaces;

/// <summary>The persisted list of what is shared with one grantee.</summary>
public sealed class WorkspaceShareIndexState
{
    public List<WorkspaceRef> Workspaces { get; set; } = [];
}
