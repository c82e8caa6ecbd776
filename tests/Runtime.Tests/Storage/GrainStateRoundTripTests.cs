using Cluster.Runtime.Hosting;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Storage;

/// <summary>Grain state through a whole silo on each durable provider: restarts, and two activations racing.</summary>
public abstract class GrainStateRoundTripTests
{
    [Fact]
    public async Task SetValueAsync_SiloRestarted_NewSiloReadsTheValue()
    {
        var key = Probe.NewKey();
        await using (var first = await StartSiloAsync())
        {
            await first.GrainFactory.GetGrain<ILifecycleGrain>(key).SetValueAsync(42);
        }

        await using var second = await StartSiloAsync();
        var grain = second.GrainFactory.GetGrain<ILifecycleGrain>(key);

        Assert.Equal(42, await grain.GetValueAsync());
        Assert.True(await grain.RecordExistsAsync());
    }

    [Fact]
    public async Task SetValueAsync_TwoSilosActivateOneGrain_StaleWriterIsRejectedAndReloads()
    {
        var key = Probe.NewKey();
        await using var siloA = await StartSiloAsync();
        await using var siloB = await StartSiloAsync();
        var onA = siloA.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var onB = siloB.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await onA.GetValueAsync();
        await onB.GetValueAsync();

        await onA.SetValueAsync(1);
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.SetValueAsync(2));

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Count(e => e.StartsWith("deactivate", StringComparison.Ordinal)) >= 1);
        Assert.Equal(1, await onB.GetValueAsync());
        await onB.SetValueAsync(3);
        Assert.Equal(3, await onB.GetValueAsync());
    }

    protected abstract void AddStorage(ISiloBuilder silo);

    private Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(configureSilo: AddStorage);
}
