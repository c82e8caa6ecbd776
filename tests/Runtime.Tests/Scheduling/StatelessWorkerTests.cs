using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Scheduling;

public sealed class StatelessWorkerTests
{
    [Fact]
    public async Task WorkAsync_ConcurrentCalls_SpreadOverAtMostMaxLocalWorkers()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IWorkerGrain>(Probe.NewKey());

        var activations = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.WorkAsync(100)));

        Assert.Equal(2, activations.Distinct().Count());
    }

    [Fact]
    public async Task WorkAsync_SequentialCalls_ReuseAnIdleWorker()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IWorkerGrain>(Probe.NewKey());

        var first = await grain.WorkAsync(0);
        var second = await grain.WorkAsync(0);

        Assert.Equal(first, second);
    }
}
