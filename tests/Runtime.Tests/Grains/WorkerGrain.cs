using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

[StatelessWorker(2)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<Guid> WorkAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return _activationId;
    }
}
