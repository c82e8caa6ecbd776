using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Lifecycle;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task FirstCall_NewGrain_ConstructsActivatesThenServes()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();

        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).GetValueAsync();

        Assert.Equal(["constructed", "activate(recordExists=False,value=0)", "call"], Probe.EventsOf(key));
    }

    [Fact]
    public async Task Reactivation_AfterWrite_StateIsLoadedBeforeOnActivateAsync()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.SetValueAsync(7);

        await grain.DeactivateAsync();
        var value = await grain.GetValueAsync();

        Assert.Equal(7, value);
        Assert.Contains("activate(recordExists=True,value=7)", Probe.EventsOf(key));
        Assert.Contains($"deactivate({DeactivationReason.ApplicationRequested})", Probe.EventsOf(key));
    }

    [Fact]
    public async Task Deactivate_OnDeactivateAsyncOverrunsTimeout_ItsLateWriteIsRefusedAndTheNextActivationOwnsTheState()
    {
        await using var silo = await TestSilo.StartAsync(options => options.DeactivationTimeout = TimeSpan.FromMilliseconds(100));
        var key = Probe.NewKey("overrun");
        var grain = silo.GrainFactory.GetGrain<IOverrunGrain>(key);
        await grain.SetValueAsync(1);

        await grain.DeactivateAsync();
        var reloaded = await grain.ReadStoredValueAsync();
        Probe.Signal(key).SetResult();
        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Any(e => e.StartsWith("late write", StringComparison.Ordinal)), because: "the first activation's OnDeactivateAsync goes on");

        Assert.Equal(1, reloaded);
        Assert.Equal(2, Probe.EventsOf(key).Count(e => e == "activated"));
        Assert.Contains(Probe.EventsOf(key), e => e.StartsWith("late write refused", StringComparison.Ordinal) && e.Contains("DeactivationTimeout", StringComparison.Ordinal));
        Assert.Equal(1, await grain.ReadStoredValueAsync());
    }

    [Fact]
    public async Task Reactivation_ChangeWrittenByOnDeactivateAsync_IsLoaded()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.SetValueAsync(1);

        await grain.SetValueWithoutWriteAsync(99);
        await grain.DeactivateAsync();

        Assert.Equal(99, await grain.GetValueAsync());
        Assert.Contains("deactivation-written", Probe.EventsOf(key));
    }

    [Fact]
    public async Task ClearAsync_WrittenState_RemovesRecordAndKeepsVersionCounting()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(Probe.NewKey());
        await grain.SetValueAsync(3);
        var writtenEtag = await grain.GetEtagAsync();

        await grain.ClearAsync();

        Assert.False(await grain.RecordExistsAsync());
        Assert.Equal(0, await grain.GetValueAsync());
        Assert.NotEqual(writtenEtag, await grain.GetEtagAsync());
    }

    [Fact]
    public async Task SetValueAsync_StateChangedByAnotherWriter_ThrowsInconsistentStateAndDeactivates()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.SetValueAsync(1);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var grainId = new GrainId("lifecycle", key);
        var outside = new GrainState<LifecycleState>(new LifecycleState());
        await storage.ReadStateAsync(LifecycleGrain.StateName, grainId, outside);
        outside.State.Value = 50;
        await storage.WriteStateAsync(LifecycleGrain.StateName, grainId, outside);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetValueAsync(2));

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains($"deactivate({DeactivationReason.IncompatibleState})"));
        Assert.Equal(50, await grain.GetValueAsync());
    }

    [Fact]
    public async Task IdleCollection_IdleLongerThanCollectionAge_Deactivates()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = Probe.NewKey();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).GetValueAsync();

        time.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(50);
        Assert.DoesNotContain(Probe.EventsOf(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(2));
        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains($"deactivate({DeactivationReason.ActivationIdle})"));
    }

    [Fact]
    public async Task IdleCollection_CallsKeepActivationAlive()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = Probe.NewKey();
        var grain = silo.GrainFactory.GetGrain<ILifecycleGrain>(key);

        for (var i = 0; i < 4; i++)
        {
            await grain.GetValueAsync();
            time.Advance(TimeSpan.FromMinutes(10));
        }

        await Task.Delay(50);
        Assert.DoesNotContain(Probe.EventsOf(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdleCollection_CollectionAgeLimitAttribute_OverridesDefault()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = Random.Shared.NextInt64();
        await silo.GrainFactory.GetGrain<IShortLivedGrain>(key).PingAsync();

        time.Advance(TimeSpan.FromMinutes(4));

        await Probe.WaitUntilAsync(() => Probe.EventsOf($"short-{key}").Contains($"deactivate({DeactivationReason.ActivationIdle})"));
    }

    [Fact]
    public async Task IdleCollection_CollectionAgeByTypeOption_OverridesAttribute()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(options => options.CollectionAgeByType["shortlived"] = TimeSpan.FromMinutes(30), time);
        var key = Random.Shared.NextInt64();
        await silo.GrainFactory.GetGrain<IShortLivedGrain>(key).PingAsync();

        time.Advance(TimeSpan.FromMinutes(20));
        await Task.Delay(50);

        Assert.Empty(Probe.EventsOf($"short-{key}"));
    }

    [Fact]
    public async Task DelayDeactivation_LongerThanIdleTime_KeepsActivation()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = Probe.NewKey();
        await silo.GrainFactory.GetGrain<ILifecycleGrain>(key).DelayDeactivationAsync(TimeSpan.FromHours(1));

        time.Advance(TimeSpan.FromMinutes(40));
        await Task.Delay(50);
        Assert.DoesNotContain(Probe.EventsOf(key), e => e.StartsWith("deactivate", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(30));
        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains($"deactivate({DeactivationReason.ActivationIdle})"));
    }

    [Fact]
    public async Task Shutdown_ActivationsWriteInOnDeactivateAsync_WritesCompleteBeforeStop()
    {
        var silo = await TestSilo.StartAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => Probe.NewKey()).ToList();
        await Task.WhenAll(keys.Select(key => silo.GrainFactory.GetGrain<ILifecycleGrain>(key).SetValueAsync(5)));
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

        await silo.StopAsync();

        foreach (var key in keys)
        {
            var stored = new GrainState<LifecycleState>(new LifecycleState());
            await storage.ReadStateAsync(LifecycleGrain.StateName, new GrainId("lifecycle", key), stored);
            Assert.Equal(1, stored.State.DeactivationCount);
            Assert.Contains($"deactivate({DeactivationReason.ShuttingDown})", Probe.EventsOf(key));
        }

        await silo.DisposeAsync();
    }
}
