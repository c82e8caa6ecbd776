using Cluster.Grains.Interfaces.Operations;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;

namespace Cluster.Grains.Operations;

[GrainType("cluster-members")]
[StatelessWorker]
public sealed class ClusterMembersGrain(SiloStatistics statistics) : Grain, IClusterMembersGrain
{
    public Task<IReadOnlyList<SiloMember>> GetMembersAsync(CancellationToken cancellationToken = default) => Task.FromResult(statistics.Members());
}
