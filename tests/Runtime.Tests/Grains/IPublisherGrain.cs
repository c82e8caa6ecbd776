using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public interface IPublisherGrain : IGrainWithGuidKey
{
    Task SubscribeAsync(IMessageObserver observer);

    Task UnsubscribeAsync(IMessageObserver observer);

    Task<int> PublishAsync(string message);

    Task PingAllAsync(int sequence);

    Task<int> SubscriberCountAsync();

    Task<Guid> KeyAsync();
}
