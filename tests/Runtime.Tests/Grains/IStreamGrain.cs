using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface IStreamGrain : IGrainWithStringKey
{
    IAsyncEnumerable<int> CountAsync(int count, int delayMilliseconds, CancellationToken cancellationToken = default);

    IAsyncEnumerable<string> FailAfterAsync(int count);

    IAsyncEnumerable<string> PayloadsAsync(int count, int size, CancellationToken cancellationToken = default);

    [ReadOnly]
    Task<string> PingAsync();
}
