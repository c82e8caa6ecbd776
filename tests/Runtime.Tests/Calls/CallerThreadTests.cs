using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Calls;

public sealed class CallerThreadTests
{
    [Fact]
    public async Task Call_FromOutsideAnyActivationToAnIdleActivation_RunsOnTheCallersThreadAsATurn()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        await grain.EchoAsync("activate");

        var (thread, onActivation, callerThread) = await Task.Run(async () =>
        {
            var caller = Environment.CurrentManagedThreadId;
            var pending = grain.WhereDidItRunAsync();
            var completedBeforeAwait = pending.IsCompleted;
            var (ran, turn) = await pending;
            return (completedBeforeAwait ? ran : -1, turn, caller);
        });

        Assert.Equal(callerThread, thread);
        Assert.True(onActivation);
    }

    [Fact]
    public async Task Call_OnTheCallersThread_SeesNoneOfTheCallersAsyncLocalsButItsRequestContext()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        await grain.EchoAsync("activate");

        var (ambient, callerAfter) = await Task.Run(async () =>
        {
            CallGrain.Ambient.Value = "caller's";
            var seen = await grain.AmbientAsync();
            return (seen, CallGrain.Ambient.Value);
        });

        Assert.Null(ambient);
        Assert.Equal("caller's", callerAfter);
    }

    [Fact]
    public async Task Call_ToAnActivationBusyWithAnotherCall_WaitsItsTurn()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<ICallGrain>(Probe.NewKey());
        await grain.EchoAsync("activate");
        using var hang = new CancellationTokenSource();
        var hanging = grain.HangAsync(hang.Token);

        var (completedBeforeAwait, answered) = await Task.Run(async () =>
        {
            var pending = grain.EchoAsync("second");
            var early = pending.IsCompleted;
            await Task.Delay(100);
            var answeredWhileBusy = pending.IsCompleted;
            hang.Cancel();
            await pending;
            return (early, answeredWhileBusy);
        });

        Assert.False(completedBeforeAwait);
        Assert.False(answered);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hanging);
    }
}
