using System.Buffers;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    /// <summary>
    /// Sends a call; its response, a timeout or the connection's end answers the caller. Returns false, sending
    /// nothing, when the peer has said it is leaving or the connection has closed: the caller routes the call elsewhere.
    /// </summary>
    /// <param name="target">The grain or observer called.</param>
    /// <param name="request">The call.</param>
    /// <param name="timeout">The caller's patience, which the callee honours too.</param>
    /// <param name="directed">Whether the directory or placement chose the peer for the grain (see <c>Request.IsDirected</c>).</param>
    public bool SendRequest(GrainId target, Request request, TimeSpan timeout, bool directed = false)
    {
        // Paired with OnGoodbye: a send either sees the peer leaving, or is queued before this side's goodbye.
        Interlocked.Increment(ref _sendsInProgress);
        try
        {
            if (Volatile.Read(ref _peerLeaving) != 0)
            {
                return false;
            }

            return Send(target, request, timeout, directed);
        }
        finally
        {
            Interlocked.Decrement(ref _sendsInProgress);
        }
    }

    private bool Send(GrainId target, Request request, TimeSpan timeout, bool directed)
    {
        if (IsClosed)
        {
            return false;
        }

        var correlationId = Interlocked.Increment(ref _nextCorrelationId);
        var buffer = new ArrayBufferWriter<byte>(256);
        ValueTask sending;
        try
        {
            MessageCodec.WriteRequest(buffer, correlationId, target, request, timeout, directed, PeerReadsRequestContext, _json);
            var pending = new PendingCall(request, default);
            if (!request.IsOneWay)
            {
                _pending[correlationId] = pending;
            }

            sending = _frames.SendAsync(request.IsOneWay ? FrameType.OneWay : FrameType.Request, buffer.WrittenSpan);

            // Watched only once the request is queued, so a Cancel frame can never precede its request.
            if (!request.IsOneWay && WatchCallerCancellation(request, correlationId) is var registration
                && !_pending.TryUpdate(correlationId, pending with { Cancellation = registration }, pending))
            {
                registration.Dispose();
            }
        }
        catch (TransportException) when (IsClosed)
        {
            // Closed while sending: nothing was queued, so the call may safely go elsewhere.
            ForgetUnsent(correlationId);
            return false;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Too large for a frame, or arguments a converter could not write: this call fails with the reason.
            FailSend(correlationId, request, exception);
            return true;
        }

        if (sending.IsFaulted)
        {
            // Refused at once (the send queue was completed by a close under way): nothing was queued, and no new
            // call goes on this connection again.
            Interlocked.Exchange(ref _peerLeaving, 1);
            ForgetUnsent(correlationId);
            return false;
        }

        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveSendAsync(sending, correlationId, request);
        }

        return true;
    }

    private void ForgetUnsent(long correlationId)
    {
        if (_pending.TryRemove(correlationId, out var call))
        {
            call.Dispose();
        }
    }

    private void FailSend(long correlationId, Request request, Exception exception)
    {
        if (_pending.TryRemove(correlationId, out var call))
        {
            call.Dispose();
        }

        if (!request.TryFail(exception) && request.IsOneWay)
        {
            LogOneWayNotSent(_logger, exception, request.ToString(), RemoteName);
        }
    }

    private async Task ObserveSendAsync(ValueTask sending, long correlationId, Request request)
    {
        try
        {
            await sending;
        }
        catch (Exception exception) when (exception is TransportException or OperationCanceledException)
        {
            FailSend(correlationId, request, exception);
        }
    }
}
