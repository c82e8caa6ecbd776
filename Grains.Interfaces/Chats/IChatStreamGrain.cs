using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>
/// One answer being generated, keyed by stream id: it calls the model provider in the silo, keeps every chunk for
/// replay (persisting them every few hundred milliseconds, so a silo's death loses little), pushes them to
/// subscribed observers, and records the answer in its chat before the stream's last chunk. The generation goes on
/// whether or not anyone listens; only <see cref="StopAsync"/> ends it early.
/// </summary>
public interface IChatStreamGrain : IGrainWithStringKey
{
    /// <summary>Starts generating; repeating it changes nothing.</summary>
    /// <exception cref="ArgumentException">The request is incomplete, or names a model the silo does not serve.</exception>
    Task StartAsync(ChatGenerationRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The chunks from <paramref name="fromIndex"/> on; <paramref name="observer"/> is then notified of every later one
    /// until the stream ends, <see cref="UnsubscribeAsync"/> is called, or the subscription expires (after 2 minutes;
    /// subscribing again renews it).
    /// </summary>
    Task<ChatStreamSnapshot> SubscribeAsync(IChatStreamObserver observer, int fromIndex, CancellationToken cancellationToken = default);

    /// <summary>Stops notifying <paramref name="observer"/>.</summary>
    Task UnsubscribeAsync(IChatStreamObserver observer, CancellationToken cancellationToken = default);

    /// <summary>The chunks from <paramref name="fromIndex"/> on, and the stream's status.</summary>
    [ReadOnly]
    Task<ChatStreamSnapshot> GetChunksAsync(int fromIndex, CancellationToken cancellationToken = default);

    /// <summary>Ends the generation; the answer so far is kept and marked stopped. False when it was not running.</summary>
    Task<bool> StopAsync(CancellationToken cancellationToken = default);
}
