using System.Runtime.CompilerServices;
using Cluster.Runtime.Observers;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Observers;

public sealed class ObserverTests
{
    [Fact]
    public async Task PublishAsync_SubscribedObserver_ReceivesMessage()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver();
        var reference = silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer);
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(reference);

        var delivered = await publisher.PublishAsync("hello");

        Assert.Equal(1, delivered);
        Assert.Equal(["hello"], observer.Received);
    }

    [Fact]
    public async Task PingAllAsync_OneWayVoidMethod_DeliveredInOrder()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver();
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer));

        for (var i = 0; i < 100; i++)
        {
            await publisher.PingAllAsync(i);
        }

        await Probe.WaitUntilAsync(() => observer.Pings.Count == 100, because: "all pings arrive");
        Assert.Equal(Enumerable.Range(0, 100), observer.Pings);
    }

    [Fact]
    public async Task PublishAsync_SubscriptionNotRenewed_ExpiresAndReceivesNothing()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var observer = new RecordingObserver();
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer));

        time.Advance(PublisherGrain.Expiration + TimeSpan.FromSeconds(1));
        var delivered = await publisher.PublishAsync("late");

        Assert.Equal(0, delivered);
        Assert.Empty(observer.Received);
    }

    [Fact]
    public async Task PublishAsync_RenewedSubscription_StillDelivers()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var observer = new RecordingObserver();
        var reference = silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer);
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(reference);

        time.Advance(PublisherGrain.Expiration / 2);
        await publisher.SubscribeAsync(reference);
        time.Advance(PublisherGrain.Expiration / 2 + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await publisher.PublishAsync("renewed"));
        Assert.Equal(["renewed"], observer.Received);
    }

    [Fact]
    public async Task PublishAsync_DeletedObjectReference_ObserverIsDropped()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver();
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer));

        silo.GrainFactory.DeleteObjectReference<IMessageObserver>(observer);
        var delivered = await publisher.PublishAsync("after delete");

        Assert.Equal(0, delivered);
        Assert.Empty(observer.Received);
    }

    [Fact]
    public async Task PublishAsync_ObserverGarbageCollected_CallFailsAndObserverIsDropped()
    {
        await using var silo = await TestSilo.StartAsync();
        var publisher = silo.GrainFactory.GetGrain<IPublisherGrain>(Guid.NewGuid());
        await publisher.SubscribeAsync(CreateUnreferencedObserver(silo));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var delivered = await publisher.PublishAsync("nobody");

        Assert.Equal(0, delivered);
    }

    [Fact]
    public async Task ObserverCall_DeletedReference_ThrowsObserverNotAvailable()
    {
        await using var silo = await TestSilo.StartAsync();
        var observer = new RecordingObserver();
        var reference = silo.GrainFactory.CreateObjectReference<IMessageObserver>(observer);

        silo.GrainFactory.DeleteObjectReference<IMessageObserver>(observer);

        await Assert.ThrowsAsync<ObserverNotAvailableException>(() => reference.ReceiveAsync("x"));
    }

    [Fact]
    public async Task KeyAsync_GuidKeyedGrain_ReturnsItsKey()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid();

        Assert.Equal(key, await silo.GrainFactory.GetGrain<IPublisherGrain>(key).KeyAsync());
    }

    [Fact]
    public async Task CreateObjectReference_GrainItself_IsRefusedWithAdvice()
    {
        await using var silo = await TestSilo.StartAsync();

        var message = await silo.GrainFactory.GetGrain<ISelfObserverGrain>(Probe.NewKey()).RegisterSelfAsObjectAsync();

        Assert.Contains("AsReference", message, StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IMessageObserver CreateUnreferencedObserver(TestSilo silo) =>
        silo.GrainFactory.CreateObjectReference<IMessageObserver>(new RecordingObserver());
}
