using Cluster.Runtime.Messaging;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Scheduling;

public sealed class TurnSchedulingTests
{
    [Fact]
    public async Task HoldAsync_ConcurrentCallsOnNonReentrantGrain_RunOneAtATime()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => grain.HoldAsync(30)));

        Assert.Equal(1, await grain.MaxOverlapAsync());
        Assert.Equal(0, await grain.ThreadViolationsAsync());
    }

    [Fact]
    public async Task HoldAsync_ConcurrentCallsOnReentrantGrain_InterleaveOnOneThreadAtATime()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IReentrantTurnGrain>(Probe.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => grain.HoldAsync(100)));

        Assert.True(await grain.MaxOverlapAsync() > 1);
        Assert.Equal(0, await grain.ThreadViolationsAsync());
    }

    [Fact]
    public async Task ReadHoldAsync_ConcurrentReadOnlyCalls_Interleave()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey());

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grain.ReadHoldAsync(100)));

        Assert.True(await grain.MaxOverlapAsync() > 1);
        Assert.Equal(0, await grain.ThreadViolationsAsync());
    }

    [Fact]
    public async Task ReadHoldAsync_WhileNonReadOnlyCallRuns_WaitsForIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey());

        var writer = grain.HoldAsync(200);
        await Task.Delay(50);
        var reader = await grain.ReadHoldAsync(1);
        await writer;

        Assert.Equal(1, reader);
    }

    [Fact]
    public async Task InterleaveHoldAsync_WhileOtherCallRuns_StartsAtOnce()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey());

        var blocking = grain.HoldAsync(300);
        await Task.Delay(50);
        var overlap = await grain.InterleaveHoldAsync(1);
        await blocking;

        Assert.Equal(2, overlap);
        Assert.Equal(0, await grain.ThreadViolationsAsync());
    }

    [Fact]
    public async Task HoldAsync_CallersTimedOutWhileQueued_QueuedCallsAreDropped()
    {
        await using var silo = await TestSilo.StartAsync(options => options.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey());

        // The hold outlasts the timeout many times over, so a sweep delayed by a loaded machine still comes first.
        var blocking = grain.HoldAsync(3000);
        await Task.Delay(50);
        var queued = Enumerable.Range(0, 3).Select(_ => grain.HoldAsync(1)).ToList();
        foreach (var call in queued.Prepend(blocking))
        {
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        }

        Assert.Equal(1, await EnteredOnceFreeAsync(grain));
    }

    [Fact]
    public async Task HoldAsync_ManyGrainsInParallel_EachRunsItsCallsOneAtATime()
    {
        await using var silo = await TestSilo.StartAsync();
        var grains = Enumerable.Range(0, 50).Select(_ => silo.GrainFactory.GetGrain<ITurnGrain>(Probe.NewKey())).ToList();

        await Task.WhenAll(grains.SelectMany(grain => Enumerable.Range(0, 4).Select(_ => grain.HoldAsync(1))));

        foreach (var grain in grains)
        {
            Assert.Equal(1, await grain.MaxOverlapAsync());
        }
    }

    // Asks until the hold is over: each attempt is a call of its own that times out while the grain is still held.
    private static async Task<int> EnteredOnceFreeAsync(ITurnGrain grain)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await grain.EnteredAsync();
            }
            catch (GrainCallTimeoutException) when (attempt < 50)
            {
            }
        }
    }
}
