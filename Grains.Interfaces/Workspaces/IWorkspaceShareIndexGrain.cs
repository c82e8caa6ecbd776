using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Workspaces;

/// <summary>
/// What is shared with one grantee (keyed <see cref="WorkspaceGrantee.IndexKey"/>), for assembling a reader's library. An
/// entry may outlive its grant for a moment; readers check the grant with the owner.
/// </summary>
public interface IWorkspaceShareIndexGrain : IGrainWithStringKey
{
    /// <summary>The most entries one grantee's index holds.</summary>
    const int MaxEntries = 1_000;

    /// <summary>Lists <paramref name="workspace"/> for the grantee (idempotent).</summary>
    /// <exception cref="InvalidOperationException">The index holds <see cref="MaxEntries"/> already.</exception>
    Task AddAsync(WorkspaceRef workspace, CancellationToken cancellationToken = default);

    /// <summary>Takes <paramref name="workspace"/> off the grantee's list.</summary>
    Task RemoveAsync(WorkspaceRef workspace, CancellationToken cancellationToken = default);

    /// <summary>Everything shared with the grantee.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WorkspaceRef>> ListAsync(CancellationToken cancellationToken = default);
}
