using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Channels;

/// <summary>
/// A cluster-wide publish/subscribe channel (key: its name, see <see cref="ChannelNames"/>). Messages are live data: the
/// channel keeps the last <see cref="ChannelNames.BacklogSize"/> in memory for subscribers that missed a push, and none in
/// storage. Subscribers are API hosts, one per channel each, which fan the messages out to their own clients, so a slow
/// browser never slows the channel.
/// </summary>
public interface IChannelGrain : IGrainWithStringKey
{
    /// <summary>How long a subscription lasts unless renewed, in seconds.</summary>
    const int SubscriptionSeconds = 120;

    /// <summary>Publishes a message to every subscriber; returns it with its sequence number.</summary>
    Task<ChannelMessage> PublishAsync(string payloadJson, string publisher, CancellationToken cancellationToken = default);

    /// <summary>Subscribes, or renews a subscription; returns the kept messages after <paramref name="afterSequence"/> (none for -1).</summary>
    Task<ChannelBacklog> SubscribeAsync(IChannelObserver observer, long afterSequence, CancellationToken cancellationToken = default);

    /// <summary>Ends a subscription.</summary>
    Task UnsubscribeAsync(IChannelObserver observer, CancellationToken cancellationToken = default);

    /// <summary>The kept messages after <paramref name="afterSequence"/>.</summary>
    [ReadOnly]
    Task<ChannelBacklog> ReadAsync(long afterSequence, CancellationToken cancellationToken = default);
}
