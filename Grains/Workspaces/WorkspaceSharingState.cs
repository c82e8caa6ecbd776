using Cluster.Grains.Interfaces.Workspaces;

namespace Cluster.Grains.Workspaces;

/// <summary>The persisted grants of one owner's workspaces, by workspace id.</summary>
public sealed class WorkspaceSharingState
{
    public Dictionary<string, List<WorkspaceGrantee>> Grants { get; set; } = [];

    /// <summary>A copy to put back if a write fails.</summary>
    public WorkspaceSharingState Copy() => new() { Grants = Grants.ToDictionary(pair => pair.Key, pair => pair.Value.ToList()) };
}
