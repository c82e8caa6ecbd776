using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Runtime.Benchmarks.Grains;

public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    // A cached task, so the local-call figures are the runtime's allocations only; a grain returning
    // Task.FromResult(n) adds its own 72 bytes.
    private static readonly Task<int> Completed = Task.FromResult(1);

    private int _calls;

    public Task<int> PingAsync(int value)
    {
        _calls += value;
        return Completed;
    }

    public Task<int> WorkAsync(int rounds)
    {
        Span<byte> block = stackalloc byte[1024];
        Span<byte> hash = stackalloc byte[32];
        block[0] = (byte)rounds;
        for (var i = 0; i < rounds; i++)
        {
            System.Security.Cryptography.SHA256.HashData(block, hash);
            hash.CopyTo(block);
        }

        return Task.FromResult((int)hash[0]);
    }

    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }
}
