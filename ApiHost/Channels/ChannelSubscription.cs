using System.Threading.Channels;
using Cluster.Grains.Interfaces.Channels;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// One client's subscription on this API host: its own bounded queue, filled by the channel's feed. A full queue drops
/// the subscription (the reader sees the queue end and <see cref="DropReason"/>) rather than slow the feed.
/// </summary>
public sealed class ChannelSubscription : IDisposable
{
    private readonly Channel<ChannelMessage> _queue;
    private readonly Action<ChannelSubscription> _leave;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _missed;
    private int _disposed;

    internal ChannelSubscription(string channel, long? afterSequence, int capacity, Action<ChannelSubscription> leave)
    {
        Channel = channel;
        AfterSequence = afterSequence;
        _leave = leave;
        _queue = System.Threading.Channels.Channel.CreateBounded<ChannelMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The channel.</summary>
    public string Channel { get; }

    /// <summary>The sequence number after which the subscriber wants the kept messages replayed; null for live ones only.</summary>
    public long? AfterSequence { get; }

    /// <summary>The messages, in order; complete when the subscription was dropped.</summary>
    public ChannelReader<ChannelMessage> Messages => _queue.Reader;

    /// <summary>
    /// Completes once the feed delivers to this subscriber (or dropped it): a client told it is subscribed only then gets
    /// every message published after that.
    /// </summary>
    public Task Ready => _ready.Task;

    /// <summary>Why the subscription was dropped, or null.</summary>
    public string? DropReason { get; private set; }

    /// <summary>Messages published while this subscriber was away that the channel no longer keeps (replay and gaps).</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>Ends the subscription.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _ready.TrySetResult();
            _leave(this);
        }
    }

    // Called by the feed's single loop only.
    internal bool TryDeliver(ChannelMessage message) => _queue.Writer.TryWrite(message);

    internal void MarkReady() => _ready.TrySetResult();

    internal void AddMissed(long count) => Interlocked.Add(ref _missed, count);

    internal void Drop(string reason)
    {
        DropReason = reason;
        _queue.Writer.TryComplete();
        _ready.TrySetResult();
    }
}
