using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using Cluster.Runtime.Timers;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Messaging.Remote;

internal sealed partial class MessageConnection
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _probes = new();
    private readonly TaskCompletionSource _peerAcknowledged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // A goodbye's payload: empty when the sender leaves, this byte when it acknowledges the peer's leaving.
    private const byte GoodbyeAcknowledged = 1;

    private int _goodbyeSent;
    private int _acknowledgementSent;
    private int _peerLeaving;
    private int _sendsInProgress;
    private long _nextProbeId;

    /// <summary>
    /// The peer said goodbye first: it is stopping, so no new call may be sent on this connection (calls already sent
    /// are still answered, and <see cref="SendRequest"/> refuses new ones). Routers pick another silo, or resolve the
    /// grain again. Also true once the connection has closed.
    /// </summary>
    public bool IsPeerLeaving => Volatile.Read(ref _peerLeaving) != 0 || IsClosed;

    /// <summary>
    /// Probes the peer: completes with the number of activations the peer reports once its answer arrives.
    /// </summary>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>, the wait to send included.</exception>
    /// <exception cref="TransportException">The connection is closed.</exception>
    public async Task<int> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextProbeId);
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _probes[id] = answer;
        try
        {
            var payload = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(payload, id);

            // The timeout covers the wait for room in a full send queue too: a peer that stopped reading is missed.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await _frames.SendAsync(FrameType.Ping, payload, limit.Token);
                return await answer.Task.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{RemoteName} did not answer a probe within {timeout.TotalMilliseconds:0} ms.");
            }
        }
        finally
        {
            _probes.TryRemove(id, out _);
        }
    }

    /// <summary>Tells the peer that this process is leaving: it sends no new call on this connection from now on.</summary>
    public void SayGoodbye() => SendGoodbye();

    /// <summary>
    /// Ends the connection without failing a call: says goodbye (the peer then sends no new call), waits for the
    /// peer's acknowledgement (every call it sent before is then here) and for every call in flight either way to be
    /// answered, then closes. Two peers leaving at once each acknowledge the other's goodbye. Waits at most
    /// <paramref name="timeout"/>; whatever is still in flight then fails as on a lost connection.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = _timeProvider.TimestampAfter(timeout);
        SendGoodbye();
        try
        {
            await _peerAcknowledged.Task.WaitAsync(timeout, _timeProvider);
            while ((!_pending.IsEmpty || !_incoming.IsEmpty) && !IsClosed && _timeProvider.GetTimestamp() < deadline)
            {
                await Task.Delay(DrainPollPeriod, _timeProvider);
            }
        }
        catch (TimeoutException)
        {
            // A peer that never answers the goodbye (gone, or an old build) is closed at the deadline.
        }

        await DisposeAsync();
    }

    private static TimeSpan DrainPollPeriod { get; } = TimeSpan.FromMilliseconds(10);

    private void OnPing(ReadOnlySequence<byte> payload)
    {
        // The probe's id comes back with this process's activation count, which placement on the prober weighs.
        var answer = new byte[payload.Length + sizeof(int)];
        payload.CopyTo(answer);
        BinaryPrimitives.WriteInt32LittleEndian(answer.AsSpan((int)payload.Length), _load?.Invoke() ?? 0);

        // Never waited for on the reader: with both send queues full, two readers each waiting to queue a pong would
        // stall the connection both ways. A pong that cannot be queued now goes out when there is room, or not at all
        // if the connection is closing (a closing connection needs no liveness answer).
        try
        {
            var sending = _frames.SendAsync(FrameType.Pong, answer);
            if (!sending.IsCompletedSuccessfully)
            {
                _ = ObservePongSendAsync(sending);
            }
        }
        catch (TransportException)
        {
            // Closing.
        }
    }

    private static async Task ObservePongSendAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (TransportException)
        {
            // Closed before there was room.
        }
    }

    private void OnPong(ReadOnlySequence<byte> payload)
    {
        // Pongs to liveness pings carry no id; only probes wait for theirs.
        if (payload.Length != sizeof(long) + sizeof(int))
        {
            return;
        }

        Span<byte> bytes = stackalloc byte[sizeof(long) + sizeof(int)];
        payload.CopyTo(bytes);
        if (_probes.TryRemove(BinaryPrimitives.ReadInt64LittleEndian(bytes), out var answer))
        {
            answer.TrySetResult(BinaryPrimitives.ReadInt32LittleEndian(bytes[sizeof(long)..]));
        }
    }

    private void OnGoodbye(ReadOnlySequence<byte> payload)
    {
        if (payload.Length > 0 && payload.FirstSpan[0] == GoodbyeAcknowledged)
        {
            _peerAcknowledged.TrySetResult();
            return;
        }

        // The peer leaves (even if this side is leaving too). Calls that passed SendRequest's check before the flag
        // are queued before the acknowledgement below, and none after it: it tells the peer that no new call follows.
        Interlocked.Exchange(ref _peerLeaving, 1);
        var wait = default(SpinWait);
        while (Volatile.Read(ref _sendsInProgress) != 0)
        {
            wait.SpinOnce();
        }

        SendGoodbyeFrame(ref _acknowledgementSent, [GoodbyeAcknowledged]);
    }

    private void SendGoodbye() => SendGoodbyeFrame(ref _goodbyeSent, []);

    private void SendGoodbyeFrame(ref int sent, byte[] payload)
    {
        if (Interlocked.Exchange(ref sent, 1) != 0)
        {
            return;
        }

        try
        {
            _ = ObserveAsync(_frames.SendAsync(FrameType.Goodbye, payload));
        }
        catch (TransportException)
        {
            // Closed already: there is nothing left to drain.
            _peerAcknowledged.TrySetResult();
        }
    }

    private static async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (TransportException)
        {
            // Closed meanwhile: the drain ends with the connection.
        }
    }
}
