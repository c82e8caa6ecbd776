using Cluster.Grains.Interfaces.Sockets;
using Cluster.Runtime.Testing;

namespace Cluster.Grains.Tests.Sockets;

public sealed class SocketConnectionsGrainTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TryOpenAsync_AtTheLimit_RefusesUntilOneClosesOrLapses()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var connections = silo.GrainFactory.GetGrain<ISocketConnectionsGrain>(Guid.NewGuid().ToString());

        var first = await connections.TryOpenAsync("a", 2, Lease);
        var second = await connections.TryOpenAsync("b", 2, Lease);
        var third = await connections.TryOpenAsync("c", 2, Lease);
        var again = await connections.TryOpenAsync("a", 2, Lease);
        await connections.CloseAsync("a");
        var afterClose = await connections.TryOpenAsync("c", 2, Lease);
        clock.Advance(Lease);
        var afterLapse = await connections.TryOpenAsync("d", 2, Lease);

        Assert.Equal((true, true, false, true), (first, second, third, again));
        Assert.True(afterClose);
        Assert.True(afterLapse);
        Assert.Equal(1, await connections.CountAsync());
    }

    [Fact]
    public async Task RenewAsync_OfAConnectionTheGrainLost_CountsItAgainWhateverTheLimit()
    {
        var clock = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: clock);
        var connections = silo.GrainFactory.GetGrain<ISocketConnectionsGrain>(Guid.NewGuid().ToString());
        await connections.TryOpenAsync("a", 1, Lease);

        await connections.RenewAsync("lost", Lease);
        clock.Advance(Lease / 2);
        await connections.RenewAsync("a", Lease);
        clock.Advance(Lease / 2);

        Assert.Equal(1, await connections.CountAsync());
        Assert.False(await connections.TryOpenAsync("b", 1, Lease));
    }
}
