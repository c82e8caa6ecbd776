using System.Collections.Concurrent;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// This API host's channel subscriptions: one feed per channel with local subscribers (so the channel grain pushes to
/// each API host once, however many browsers listen), each subscriber with its own bounded queue.
/// </summary>
public sealed class ChannelHub(IClusterClient cluster, IOptions<ChannelFanOutOptions> options, TimeProvider time, ILogger<ChannelHub> logger)
{
    private readonly ConcurrentDictionary<string, ChannelFeed> _feeds = new(StringComparer.Ordinal);

    /// <summary>The channels with subscribers on this host.</summary>
    public int FeedCount => _feeds.Count;

    /// <summary>
    /// Subscribes to <paramref name="channel"/>; with <paramref name="afterSequence"/>, the messages the channel still
    /// keeps after it come first. Dispose the subscription to end it.
    /// </summary>
    public ChannelSubscription Subscribe(string channel, long? afterSequence)
    {
        while (true)
        {
            var feed = _feeds.GetOrAdd(channel, name => new ChannelFeed(name, cluster, time, logger, ended => _feeds.TryRemove(new(ended.Channel, ended))));
            var subscription = new ChannelSubscription(channel, afterSequence, options.Value.SubscriberBuffer, feed.Remove);
            if (feed.TryAdd(subscription))
            {
                return subscription;
            }

            // The feed ended as its last subscriber left; the next turn starts a new one.
            _feeds.TryRemove(new(channel, feed));
        }
    }
}
