using Cluster.Runtime.Core;

namespace Cluster.Runtime.Benchmarks.Grains;

public interface IBenchGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);

    Task WriteAsync(int value);

    /// <summary>CPU work: <paramref name="rounds"/> SHA-256 hashes of 1 KiB, for benchmarks bound by the silos' cores.</summary>
    Task<int> WorkAsync(int rounds);
}
