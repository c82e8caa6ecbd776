using Cluster.Runtime.Core;

namespace Cluster.Runtime.Benchmarks.Grains;

public interface IBenchGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);

    Task WriteAsync(int value);
}
