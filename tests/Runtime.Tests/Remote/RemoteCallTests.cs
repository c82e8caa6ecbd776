using Cluster.Runtime.Messaging;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Observers;

namespace Cluster.Runtime.Tests.Remote;

public sealed class RemoteCallTests
{
    [Fact]
    public async Task EchoAsync_ClientInAnotherHost_ReturnsTheArgument()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var grain = cluster.Client.GetGrain<ICallGrain>(Probe.NewKey());

        Assert.Equal("héllo \"wire\" ✓", await grain.EchoAsync("héllo \"wire\" ✓"));
        Assert.Equal(42L, await grain.AddAsync(40, 2));
    }

    [Fact]
    public async Task CallOtherAsync_GrainCallsGrainForARemoteClient_Works()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();

        Assert.Equal("relayed", await cluster.Client.GetGrain<ICallGrain>(Probe.NewKey()).CallOtherAsync(Probe.NewKey(), "relayed"));
    }

    [Fact]
    public async Task ThrowAsync_RemoteGrainThrows_ClientGetsTypeAndMessage()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var grain = cluster.Client.GetGrain<ICallGrain>(Probe.NewKey());

        var known = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("invalid", "remote reason"));
        var opaque = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowAsync("opaque", string.Empty));

        Assert.Equal("remote reason", known.Message);
        Assert.Equal(typeof(OpaqueException).FullName, opaque.OriginalTypeName);
    }

    [Fact]
    public async Task HangWithShortTimeoutAsync_Remote_TimesOutWithUnknownOutcome()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();

        var exception = await Assert.ThrowsAsync<GrainCallTimeoutException>(cluster.Client.GetGrain<ICallGrain>(Probe.NewKey()).HangWithShortTimeoutAsync);

        Assert.Contains("outcome is unknown", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HangAsync_RemoteCallerCancels_CalleeIsCancelledToo()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var grain = cluster.Client.GetGrain<ICallGrain>(Probe.NewKey());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => grain.HangAsync(cancellation.Token));

        // The grain is non-reentrant: it answers the next call only if the cancel reached the hanging method.
        Assert.Equal("next", await grain.EchoAsync("next").WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task PublishAsync_ObserverInTheClientProcess_IsCalledBackOverTheConnection()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var observer = new RecordingObserver();
        var publisher = cluster.Client.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(cluster.Client.CreateObjectReference<IMessageObserver>(observer));

        var delivered = await publisher.PublishAsync("across processes");
        for (var i = 0; i < 20; i++)
        {
            await publisher.PingAllAsync(i);
        }

        Assert.Equal(1, delivered);
        Assert.Equal(["across processes"], observer.Received);
        await Probe.WaitUntilAsync(() => observer.Pings.Count == 20, because: "one-way observer calls arrive");
        Assert.Equal(Enumerable.Range(0, 20), observer.Pings);
    }

    [Fact]
    public async Task RecordLaterAsync_OneWayRemote_ReturnsAtOnceAndRuns()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var key = Probe.NewKey();

        await cluster.Client.GetGrain<ICallGrain>(key).RecordLaterAsync("remote one-way", 100);

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("remote one-way"), because: "the one-way call runs on the silo");
    }

    [Fact]
    public async Task Call_SiloRestartsOnTheSamePort_ClientReconnectsAndStateSurvivesInStorage()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var grain = cluster.Client.GetGrain<ICallGrain>(Probe.NewKey());
        var before = await grain.ActivationIdAsync();

        await cluster.RestartSiloAsync();
        await Probe.WaitUntilAsync(() => TryEcho(grain), TimeSpan.FromSeconds(15), "the client reconnects to the restarted silo");

        Assert.NotEqual(before, await grain.ActivationIdAsync());
    }

    private static bool TryEcho(ICallGrain grain)
    {
        try
        {
            return grain.EchoAsync("up").Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
