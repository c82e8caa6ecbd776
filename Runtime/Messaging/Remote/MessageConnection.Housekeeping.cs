using System.Buffers;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    private void CheckLiveness()
    {
        var now = TimeProvider.System.GetTimestamp();
        var silence = TimeProvider.System.GetElapsedTime(Volatile.Read(ref _lastReceived), now);
        if (silence >= PingInterval * 3)
        {
            LogPeerSilent(_logger, RemoteName, silence);
            _ = _frames.DisposeAsync().AsTask();
            return;
        }

        if (silence >= PingInterval && TimeProvider.System.GetElapsedTime(_lastPing, now) >= PingInterval)
        {
            _lastPing = now;
            try
            {
                _ = _frames.SendAsync(FrameType.Ping, []).AsTask();
            }
            catch (TransportException)
            {
                // Closing already.
            }
        }
    }

    private void ForgetAbandonedCalls()
    {
        foreach (var (correlationId, call) in _pending)
        {
            if (call.Request.IsCallerCompleted && _pending.TryRemove(correlationId, out _))
            {
                call.Dispose();

                // The caller gave up (timeout, cancellation): the callee drops the call if it has not started it,
                // and a stream's iterator does not run on for nobody.
                new CancelNotice(this, correlationId).Send();
            }
        }
    }

    private sealed class CancelNotice(MessageConnection connection, long correlationId)
    {
        public void Send()
        {
            var buffer = new ArrayBufferWriter<byte>(sizeof(long));
            MessageCodec.WriteCancel(buffer, correlationId);
            try
            {
                _ = connection._frames.SendAsync(FrameType.Cancel, buffer.WrittenSpan).AsTask();
            }
            catch (TransportException)
            {
                // The connection is gone; the callee's side is cancelled when it notices.
            }
        }
    }
}
