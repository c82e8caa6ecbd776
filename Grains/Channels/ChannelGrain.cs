using Cluster.Grains.Interfaces.Channels;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Channels;

[GrainType("channel")]
public sealed class ChannelGrain(TimeProvider timeProvider, ILogger<ChannelGrain> logger) : Grain, IChannelGrain
{
    private readonly ObserverManager<IChannelObserver> _observers = new(TimeSpan.FromSeconds(IChannelGrain.SubscriptionSeconds), logger, timeProvider);
    private readonly Queue<ChannelMessage> _backlog = new();

    // Starting from the clock keeps numbers increasing when the channel is activated again (after idling, or on another
    // silo), so an API host that saw an earlier activation never takes new messages for ones it has seen.
    private readonly long _firstSequence = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    private long _lastSequence = -1;

    private long LastSequence => Math.Max(_lastSequence, _firstSequence);

    public Task<ChannelMessage> PublishAsync(string payloadJson, string publisher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(publisher);
        if (!ChannelNames.FitsPayload(payloadJson))
        {
            throw new ArgumentException(ChannelNames.PayloadTooLarge, nameof(payloadJson));
        }

        if (!ChannelPayload.IsJson(payloadJson))
        {
            throw new ArgumentException("A message must be one JSON value.", nameof(payloadJson));
        }

        _lastSequence = LastSequence + 1;
        var message = new ChannelMessage(_lastSequence, timeProvider.GetUtcNow(), publisher, payloadJson);
        _backlog.Enqueue(message);
        if (_backlog.Count > ChannelNames.BacklogSize)
        {
            _backlog.Dequeue();
        }

        var channel = this.GetPrimaryKeyString();
        IReadOnlyList<ChannelMessage> batch = [message];
        _observers.Notify(observer => observer.OnMessages(channel, batch));
        return Task.FromResult(message);
    }

    public Task<ChannelBacklog> SubscribeAsync(IChannelObserver observer, long afterSequence, CancellationToken cancellationToken = default)
    {
        _observers.Subscribe(observer);
        return ReadAsync(afterSequence < 0 ? LastSequence : afterSequence, cancellationToken);
    }

    public Task UnsubscribeAsync(IChannelObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<ChannelBacklog> ReadAsync(long afterSequence, CancellationToken cancellationToken = default)
    {
        var kept = _backlog.Where(message => message.Sequence > afterSequence).ToList();

        // Only this activation's dropped messages can be counted: what an earlier activation published is not known here.
        var firstKept = _backlog.Count > 0 ? _backlog.Peek().Sequence : LastSequence + 1;
        var missed = Math.Max(0, firstKept - 1 - Math.Max(afterSequence, _firstSequence));
        return Task.FromResult(new ChannelBacklog(LastSequence, kept, missed));
    }
}
