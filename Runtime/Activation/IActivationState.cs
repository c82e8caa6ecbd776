using Cluster.Runtime.Diagnostics;

namespace Cluster.Runtime.Activation;

/// <summary>State the activation loads before <c>OnActivateAsync</c>.</summary>
internal interface IActivationState
{
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The state as storage holds it, read afresh: the activation's copy belongs to its turns and is not read from
    /// outside them.
    /// </summary>
    Task<GrainStateSnapshot> ReadStoredAsync(CancellationToken cancellationToken);
}
