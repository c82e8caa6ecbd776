using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<Guid> WorkAsync(int milliseconds);
}
