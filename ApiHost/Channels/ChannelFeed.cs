using System.Threading.Channels;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// This API host's one subscription to a channel grain, fanned out to its local subscribers. One loop does everything
/// (pushes, joins, renewals, gap reads), so every subscriber sees the messages once and in order; a subscriber whose
/// queue is full is dropped there and then, and the loop goes on for the others.
/// </summary>
internal sealed partial class ChannelFeed : IChannelObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(IChannelGrain.SubscriptionSeconds / 3);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly Channel<FeedEvent> _events = System.Threading.Channels.Channel.CreateUnbounded<FeedEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ChannelSubscription> _subscribers = [];
    private readonly IClusterClient _cluster;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ChannelFeed> _ended;
    private readonly Lock _membership = new();
    private long _last = -1;
    private int _started;
    private int _members;
    private bool _closed;

    public ChannelFeed(string channel, IClusterClient cluster, TimeProvider time, ILogger logger, Action<ChannelFeed> ended)
    {
        Channel = channel;
        _cluster = cluster;
        _time = time;
        _logger = logger;
        _ended = ended;
    }

    public string Channel { get; }

    /// <summary>
    /// Adds a subscriber, starting the feed with the first; false once the feed has no subscriber and ended, and the
    /// hub then starts a new one. (A feed the hub's dictionary created in a race and discarded is never started.)
    /// </summary>
    public bool TryAdd(ChannelSubscription subscription)
    {
        // Members are counted here, not in the loop: a join queued behind the last member's leave must either keep the
        // feed going or be refused, never be accepted by a feed that is about to end.
        lock (_membership)
        {
            if (_closed || !_events.Writer.TryWrite(new FeedEvent.Joined(subscription)))
            {
                return false;
            }

            _members++;
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(RunAsync);
        }

        return true;
    }

    /// <summary>Called once per subscription this feed accepted, when it is disposed; the last one ends the feed.</summary>
    public void Remove(ChannelSubscription subscription)
    {
        lock (_membership)
        {
            _events.Writer.TryWrite(new FeedEvent.Left(subscription));
            if (--_members > 0 || _closed)
            {
                return;
            }

            _closed = true;
            _events.Writer.TryComplete();
        }

        _ended(this);
    }

    public void OnMessages(string channel, IReadOnlyList<ChannelMessage> messages) => _events.Writer.TryWrite(new FeedEvent.Pushed(messages));

    private async Task RunAsync()
    {
        var grain = _cluster.GetGrain<IChannelGrain>(Channel);
        var reference = _cluster.CreateObjectReference<IChannelObserver>(this);
        try
        {
            // Monotonic timestamps: a wall clock stepping back or forward must not stall renewals or spin the loop.
            var attemptedAt = 0L;
            var interval = TimeSpan.Zero;
            while (true)
            {
                if (_time.GetElapsedTime(attemptedAt) >= interval)
                {
                    interval = await TryRenewAsync(grain, reference) ? Renewal : RetryAfterFailure;
                    attemptedAt = _time.GetTimestamp();
                }

                var wait = interval - _time.GetElapsedTime(attemptedAt);
                using var timeout = new CancellationTokenSource(wait > MinimumWait ? wait : MinimumWait, _time);
                try
                {
                    // False once the last member left and its leave was read: the feed is done.
                    if (!await _events.Reader.WaitToReadAsync(timeout.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    continue;
                }

                while (_events.Reader.TryRead(out var next))
                {
                    await HandleAsync(grain, next);
                }
            }
        }
        catch (Exception exception)
        {
            // Nothing above should throw; if it does, the subscribers learn of it and the hub starts a new feed.
            LogFeedFailed(_logger, exception, Channel);
            End("The channel's feed on this host failed; subscribe again, with Last-Event-ID to resume.");
        }
        finally
        {
            _cluster.DeleteObjectReference<IChannelObserver>(this);
            _ = UnsubscribeAsync(grain, reference);
        }
    }

    // Refuses further joins and drops whoever is still there or still joining (the hub retries joins it sees refused).
    private void End(string reason)
    {
        lock (_membership)
        {
            _closed = true;
            _events.Writer.TryComplete();
        }

        _ended(this);
        _subscribers.ForEach(subscriber => subscriber.Drop(reason));
        _subscribers.Clear();
        while (_events.Reader.TryRead(out var late))
        {
            if (late is FeedEvent.Joined orphan)
            {
                orphan.Subscription.Drop(reason);
            }
        }
    }

    private async Task HandleAsync(IChannelGrain grain, FeedEvent next)
    {
        switch (next)
        {
            case FeedEvent.Pushed pushed:
                await DeliverAsync(grain, pushed.Messages);
                break;
            case FeedEvent.Joined joined:
                await JoinAsync(grain, joined.Subscription);
                break;
            case FeedEvent.Left left:
                _subscribers.Remove(left.Subscription);
                break;
        }
    }

    private async Task<bool> TryRenewAsync(IChannelGrain grain, IChannelObserver reference)
    {
        try
        {
            var backlog = await grain.SubscribeAsync(reference, _last, CancellationToken.None);
            if (_last < 0)
            {
                _last = backlog.LastSequence;
            }
            else
            {
                Fan(backlog.Messages, backlog.Missed);
            }

            return true;
        }
        catch (Exception exception)
        {
            LogRenewFailed(_logger, exception, Channel);
            return false;
        }
    }

    private async Task DeliverAsync(IChannelGrain grain, IReadOnlyList<ChannelMessage> messages)
    {
        // A push after a gap means one went missing on the way: read what the channel still keeps.
        if (_last >= 0 && messages.Count > 0 && messages[0].Sequence > _last + 1)
        {
            try
            {
                var backlog = await grain.ReadAsync(_last, CancellationToken.None);
                Fan(backlog.Messages, backlog.Missed);
                return;
            }
            catch (Exception exception)
            {
                LogRenewFailed(_logger, exception, Channel);
            }
        }

        Fan(messages, 0);
    }

    private async Task JoinAsync(IChannelGrain grain, ChannelSubscription subscription)
    {
        if (subscription.AfterSequence is { } after && _last >= 0 && after < _last)
        {
            try
            {
                var backlog = await grain.ReadAsync(after, CancellationToken.None);
                subscription.AddMissed(backlog.Missed);
                foreach (var message in backlog.Messages.Where(message => message.Sequence <= _last))
                {
                    if (!Offer(subscription, message))
                    {
                        return;
                    }
                }
            }
            catch (Exception exception)
            {
                LogRenewFailed(_logger, exception, Channel);
            }
        }

        _subscribers.Add(subscription);
        subscription.MarkReady();
    }

    private void Fan(IReadOnlyList<ChannelMessage> messages, long missed)
    {
        foreach (var message in messages)
        {
            if (message.Sequence <= _last)
            {
                continue;
            }

            _last = message.Sequence;
            for (var index = _subscribers.Count - 1; index >= 0; index--)
            {
                if (!Offer(_subscribers[index], message))
                {
                    _subscribers.RemoveAt(index);
                }
            }
        }

        if (missed > 0)
        {
            _subscribers.ForEach(subscriber => subscriber.AddMissed(missed));
        }
    }

    private bool Offer(ChannelSubscription subscriber, ChannelMessage message)
    {
        if (subscriber.TryDeliver(message))
        {
            return true;
        }

        subscriber.Drop($"This subscriber did not keep up: {subscriber.Messages.Count} messages were unread (Channels:SubscriberBuffer); subscribe again, with Last-Event-ID to resume.");
        LogDropped(_logger, Channel);
        return false;
    }

    private async Task UnsubscribeAsync(IChannelGrain grain, IChannelObserver reference)
    {
        try
        {
            await grain.UnsubscribeAsync(reference);
        }
        catch (Exception exception)
        {
            // The subscription expires on its own.
            LogRenewFailed(_logger, exception, Channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading channel {Channel} failed; the feed tries again")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Error, Message = "The feed of channel {Channel} failed; its subscribers on this host were dropped")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "A slow subscriber of channel {Channel} was dropped")]
    private static partial void LogDropped(ILogger logger, string channel);

    private abstract record FeedEvent
    {
        public sealed record Pushed(IReadOnlyList<ChannelMessage> Messages) : FeedEvent;

        public sealed record Joined(ChannelSubscription Subscription) : FeedEvent;

        public sealed record Left(ChannelSubscription Subscription) : FeedEvent;
    }
}
