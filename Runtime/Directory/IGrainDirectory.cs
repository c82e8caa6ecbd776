using Cluster.Runtime.Core;
using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Directory;

/// <summary>
/// The cluster-wide map from each grain to its one registered activation. Registration is first-writer-wins, so two
/// live activations of one grain can never both be registered: a silo that loses the race must drop its activation
/// and forward calls to the winner. Entries of Dead silos are purged so their grains reactivate elsewhere.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>
    /// Registers <paramref name="address"/> unless the grain already has an entry, and returns the entry now
    /// registered: <paramref name="address"/> itself if it won, else the existing winner.
    /// </summary>
    /// <param name="address">The new activation.</param>
    /// <param name="previousAddress">
    /// An entry the caller knows is stale (its silo is Dead, say), or <c>null</c>. When given, the existing entry is
    /// replaced by <paramref name="address"/> only if it is still that activation: a compare-and-swap, atomic, so of
    /// several callers replacing one stale entry exactly one wins and the others are told its address. When the grain
    /// has no entry at all, <paramref name="address"/> is registered as without it.
    /// </param>
    /// <param name="cancellationToken">Cancels the call; whether the registration happened is then unknown.</param>
    /// <returns>The registered address; equal to <paramref name="address"/> exactly when it won.</returns>
    /// <exception cref="ArgumentException"><paramref name="previousAddress"/> is of another grain.</exception>
    Task<GrainAddress> RegisterAsync(GrainAddress address, GrainAddress? previousAddress, CancellationToken cancellationToken);

    /// <summary>The registered address of <paramref name="grainId"/>, or <c>null</c> when it has none.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GrainAddress?> LookupAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>The registered addresses of those of <paramref name="grainIds"/> that have one, in one round trip.</summary>
    /// <param name="grainIds">The grains; duplicates are allowed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>An entry per registered grain; grains without an entry are absent.</returns>
    Task<IReadOnlyDictionary<GrainId, GrainAddress>> LookupManyAsync(IReadOnlyCollection<GrainId> grainIds, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the grain's entry if it is exactly the activation of <paramref name="address"/>, so a deactivating
    /// activation never removes the entry of a newer one that replaced it.
    /// </summary>
    /// <param name="address">The deactivating activation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether an entry was removed.</returns>
    Task<bool> UnregisterAsync(GrainAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every entry of the given silo starts, in one statement, so their grains reactivate elsewhere on their
    /// next call. Call it once membership has declared them Dead; entries of other generations of the same endpoints stay.
    /// </summary>
    /// <param name="deadSilos">The Dead silo starts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of entries removed.</returns>
    Task<int> UnregisterSilosAsync(IReadOnlyCollection<SiloAddress> deadSilos, CancellationToken cancellationToken);
}
