using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Timers;

public sealed class GrainTimerTests
{
    [Fact]
    public async Task Timer_CallbackSlowerThanPeriod_CallbacksNeverOverlap()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Probe.NewKey());

        await grain.StartAsync(periodMilliseconds: 5, callbackMilliseconds: 40, interleave: true);
        await Probe.WaitUntilAsync(() => grain.ReportAsync().Result.Ticks >= 4, because: "the timer ticks");
        var report = await grain.ReportAsync();

        Assert.Equal(1, report.MaxOverlap);
    }

    [Fact]
    public async Task Timer_NotInterleaving_NeverRunsDuringACall()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Probe.NewKey());
        await grain.StartAsync(periodMilliseconds: 5, callbackMilliseconds: 1, interleave: false);

        await grain.HoldAsync(300);
        await Probe.WaitUntilAsync(() => grain.ReportAsync().Result.Ticks >= 2, because: "the timer ticks between calls");

        Assert.Equal(0, (await grain.ReportAsync()).TicksDuringCalls);
    }

    [Fact]
    public async Task Timer_Interleaving_RunsDuringALongCall()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Probe.NewKey());
        await grain.StartAsync(periodMilliseconds: 5, callbackMilliseconds: 1, interleave: true);

        await grain.HoldAsync(300);

        Assert.True((await grain.ReportAsync()).TicksDuringCalls > 0);
    }

    [Fact]
    public async Task Timer_ChangedToInfiniteInsideCallback_Pauses()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Probe.NewKey());

        await grain.StartSelfPausingAsync(periodMilliseconds: 5);
        await Probe.WaitUntilAsync(() => grain.ReportAsync().Result.Ticks >= 2, because: "the timer ticks twice");
        await Task.Delay(150);

        Assert.Equal(2, (await grain.ReportAsync()).Ticks);
    }

    [Fact]
    public async Task Timer_Disposed_StopsTicking()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(Probe.NewKey());
        await grain.StartAsync(periodMilliseconds: 5, callbackMilliseconds: 0, interleave: false);
        await Probe.WaitUntilAsync(() => grain.ReportAsync().Result.Ticks >= 2, because: "the timer ticks");

        await grain.StopAsync();
        var stopped = (await grain.ReportAsync()).Ticks;
        await Task.Delay(100);

        Assert.Equal(stopped, (await grain.ReportAsync()).Ticks);
    }
}
