using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Memory the runtime keeps per idle activation: managed heap growth over N activations of a grain with one
/// small state, minus N state objects (the application's part), divided by N. GC.GetTotalMemory after full
/// collections, so only live objects count.
/// </summary>
internal static class ActivationMemory
{
    public static async Task RunAsync(int activations)
    {
        await using var silo = await TestSilo.StartAsync();
        var factory = silo.GrainFactory;
        await factory.GetGrain<IBenchGrain>(-1).PingAsync(1);
        var references = Enumerable.Range(0, activations).Select(i => factory.GetGrain<IBenchGrain>(i)).ToArray();

        var before = Measure();
        foreach (var chunk in references.Chunk(1000))
        {
            await Task.WhenAll(chunk.Select(grain => grain.PingAsync(1)));
        }

        var after = Measure();
        var states = Enumerable.Range(0, activations).Select(_ => new BenchState()).ToArray();
        var withStates = Measure();
        GC.KeepAlive(states);
        GC.KeepAlive(references);

        var perActivation = (double)(after - before) / activations;
        var perState = (double)(withStates - after) / activations;
        Console.WriteLine($"activations: {activations}");
        Console.WriteLine($"heap growth per activation: {perActivation:F0} bytes");
        Console.WriteLine($"state object (excluded): {perState:F0} bytes");
        Console.WriteLine($"runtime overhead per idle activation: {perActivation - perState:F0} bytes");
    }

    private static long Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
