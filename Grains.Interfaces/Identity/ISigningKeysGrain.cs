using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Identity;

/// <summary>
/// The cluster's token signing keys, one grain for the whole cluster (key <see cref="SigningKeyLimits.GrainKey"/>), so every API
/// host signs with and publishes the same keys. Keys are made on first use and rotated on the schedule of
/// <see cref="SigningKeyLimits"/>, with overlap: the next key is published before it signs, and a retired key stays
/// published until the tokens it signed have expired.
/// </summary>
public interface ISigningKeysGrain : IGrainWithStringKey
{
    /// <summary>
    /// Every published key, the one that signs now first; makes the first key, or the next one when it is due, and
    /// forgets keys past their retention.
    /// </summary>
    Task<IReadOnlyList<SigningKeyInfo>> GetKeysAsync(CancellationToken cancellationToken = default);
}
