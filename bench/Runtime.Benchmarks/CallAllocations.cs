using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Benchmarks;

/// <summary>Bytes allocated per local grain call, process-wide, over sequential calls after warm-up.</summary>
internal static class CallAllocations
{
    public static async Task RunAsync(int calls)
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IBenchGrain>(1);
        for (var i = 0; i < 10_000; i++)
        {
            await grain.PingAsync(1);
        }

        using var sampler = Environment.GetEnvironmentVariable("SAMPLE_ALLOCATIONS") is "1" ? new AllocationSampler() : null;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await grain.PingAsync(1);
        }

        var after = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine($"allocated per local call: {(double)(after - before) / calls:F1} bytes over {calls} calls");
        foreach (var (type, count) in sampler?.Samples.OrderByDescending(p => p.Value).Take(10) ?? [])
        {
            Console.WriteLine($"  sampled {count,5}  {type}");
        }

        long sending = 0;
        for (var i = 0; i < 1000; i++)
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            var pending = grain.PingAsync(1);
            sending += GC.GetAllocatedBytesForCurrentThread() - start;
            await pending;
        }

        Console.WriteLine($"of which on the caller's thread while sending: {sending / 1000.0:F1} bytes");
    }
}
