using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;

namespace Cluster.Grains.Interfaces.Operations;

/// <summary>
/// The cluster's members as the silo that answers reads them: a stateless worker, so a client's call is answered by
/// its gateway without a directory lookup. Any key; the dashboard uses 0.
/// </summary>
public interface IClusterMembersGrain : IGrainWithIntegerKey
{
    /// <summary>Every member in the membership table, Dead ones included until they are cleaned up.</summary>
    [ReadOnly]
    Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default);
}
