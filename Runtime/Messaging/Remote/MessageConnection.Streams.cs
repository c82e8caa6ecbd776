using System.Buffers;
using System.Text.Json;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    /// <summary>How long one stream's caller may leave its full buffer unread before its stream is ended.</summary>
    public static readonly TimeSpan StreamStallLimit = TimeSpan.FromSeconds(30);

    /// <summary>Sends one item of a streamed call this process runs for the peer, waiting while the send queue is full.</summary>
    /// <exception cref="JsonException">The item could not be serialized.</exception>
    /// <exception cref="TransportException">The connection is closed.</exception>
    public ValueTask SendStreamItemAsync<TItem>(long correlationId, TItem item, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        MessageCodec.WriteStreamItem(buffer, correlationId, item, _json);
        return _frames.SendAsync(FrameType.StreamItem, buffer.WrittenSpan, cancellationToken);
    }

    /// <summary>
    /// Hands an item of a streamed call this process made to its caller. When the caller's buffer is full this
    /// waits, and while it waits no frame of this connection is read: the peer's sends back up through TCP into its
    /// send queue and its grain's writes, which is real back-pressure end to end, and keeps items and the final
    /// response in order. The price is that one slow stream consumer stalls every other call on this connection,
    /// so the wait is bounded by <see cref="StreamStallLimit"/>, after which that stream fails and the grain's
    /// iterator is cancelled.
    /// </summary>
    private ValueTask OnStreamItemAsync(ReadOnlySequence<byte> payload)
    {
        var (correlationId, item) = MessageCodec.ReadStreamItem(payload);
        if (!_pending.TryGetValue(correlationId, out var call))
        {
            // The caller gave up and the call was forgotten; its late items have nobody to go to.
            return ValueTask.CompletedTask;
        }

        ValueTask delivering;
        try
        {
            delivering = call.Request.OnStreamItemFromWireAsync(item, _json, StreamStallLimit, _timeProvider);
        }
        catch (WireFormatException exception)
        {
            FailStream(correlationId, call.Request, exception);
            return ValueTask.CompletedTask;
        }
        catch (Exception exception)
        {
            FailStream(correlationId, call.Request, new WireFormatException($"An item of {call.Request} could not be read: {exception.Message}"));
            return ValueTask.CompletedTask;
        }

        return delivering.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitDeliveryAsync(delivering, correlationId, call.Request);
    }

    private async ValueTask AwaitDeliveryAsync(ValueTask delivering, long correlationId, Request request)
    {
        try
        {
            await delivering;
        }
        catch (TimeoutException exception)
        {
            FailStream(correlationId, request, exception);
        }
    }

    /// <summary>Ends a stream on the caller's side only: the caller sees <paramref name="exception"/> and the callee is told to stop.</summary>
    private void FailStream(long correlationId, Request request, Exception exception)
    {
        if (_pending.TryRemove(correlationId, out var call))
        {
            call.Dispose();
        }

        request.TryFail(exception);
        new CancelNotice(this, correlationId).Send();
    }
}
