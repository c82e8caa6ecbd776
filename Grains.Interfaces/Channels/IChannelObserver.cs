using Cluster.Runtime.Observers;

namespace Cluster.Grains.Interfaces.Channels;

/// <summary>An API host fanning a channel out to its own subscribers (browsers over SSE, WebSocket clients).</summary>
public interface IChannelObserver : IGrainObserver
{
    /// <summary>
    /// Messages just published, in order. One-way: a gap in the sequence numbers means a notification was lost, and the
    /// observer reads what it missed with <see cref="IChannelGrain.ReadAsync"/>.
    /// </summary>
    void OnMessages(string channel, IReadOnlyList<ChannelMessage> messages);
}
