using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>
/// The grants of one user's workspaces (keyed by the owner's user id). The workspaces themselves are the members of
/// <c>/workspaces</c> in the owner's preferences, so a reader always gets the owner's latest snapshot, never a copy.
/// </summary>
public interface IWorkspaceSharingGrain : IGrainWithStringKey
{
    /// <summary>Shares the workspace with <paramref name="grantee"/>; null when done (or already so), else what is wrong.</summary>
    Task<string?> GrantAsync(string workspaceId, WorkspaceGrantee grantee, CancellationToken cancellationToken = default);

    /// <summary>Ends a grant; false when there was none.</summary>
    Task<bool> RevokeAsync(string workspaceId, WorkspaceGrantee grantee, CancellationToken cancellationToken = default);

    /// <summary>The workspace's grants.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WorkspaceGrantee>> ListGrantsAsync(string workspaceId, CancellationToken cancellationToken = default);

    /// <summary>The workspace as the owner has it now, when a current grant lets <paramref name="viewer"/> see it; else null.</summary>
    [ReadOnly]
    Task<SharedWorkspaceInfo?> GetSharedAsync(string workspaceId, WorkspaceViewer viewer, CancellationToken cancellationToken = default);
}
