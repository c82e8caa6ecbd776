using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Grains;

public sealed class PublisherGrain(ILogger<PublisherGrain> logger, TimeProvider timeProvider) : Grain, IPublisherGrain
{
    public static readonly TimeSpan Expiration = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IMessageObserver> _subscribers = new(Expiration, logger, timeProvider);

    public Task SubscribeAsync(IMessageObserver observer)
    {
        _subscribers.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IMessageObserver observer)
    {
        _subscribers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<int> PublishAsync(string message)
    {
        await _subscribers.Notify(observer => observer.ReceiveAsync(message));
        return _subscribers.Count;
    }

    public Task PingAllAsync(int sequence)
    {
        _subscribers.Notify(observer => observer.Ping(sequence));
        return Task.CompletedTask;
    }

    public Task<int> SubscriberCountAsync() => Task.FromResult(_subscribers.Count);

    public Task<Guid> KeyAsync() => Task.FromResult(this.GetPrimaryKey());
}
