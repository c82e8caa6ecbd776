using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>
/// Calls in both directions over one framed connection: requests this process sends (matched to their responses
/// by correlation id) and requests it receives (run through the router, answered when the method ends). A client
/// and a silo use the same class, so a silo can call back an observer of the client on the client's connection.
/// When the connection ends, every call still waiting on it fails with an outcome-unknown error.
/// </summary>
internal sealed partial class MessageConnection : IFrameHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<long, IncomingCall> _incoming = new();
    private readonly TaskCompletionSource<HelloMessage> _remoteHello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IMessageRouter _router;
    private readonly JsonSerializerOptions _json;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Action<MessageConnection, Exception?> _onClosed;
    private readonly FramedConnection _frames;
    private readonly ITimer _sweeper;
    private readonly ITimer _liveness;
    private readonly Func<int>? _load;
    private readonly int _maxIncoming;
    private long _lastReceived = TimeProvider.System.GetTimestamp();
    private long _lastPing;
    private long _nextCorrelationId;

    private MessageConnection(Stream stream, string remoteName, MessagingContext context, Action<MessageConnection, Exception?> onClosed)
    {
        _router = context.Router;
        _json = context.Json;
        _logger = context.Logger;
        _timeProvider = context.TimeProvider;
        _onClosed = onClosed;
        _load = context.LocalLoad;
        _maxIncoming = context.TransportOptions.MaxIncomingRequests;
        _frames = new FramedConnection(stream, context.TransportOptions, this, context.Logger, remoteName);
        _sweeper = context.TimeProvider.CreateTimer(static state => ((MessageConnection)state!).ForgetAbandonedCalls(), this, SweepPeriod, SweepPeriod);

        // Liveness is about the network, so it runs on the wall clock even where tests drive the runtime's clock.
        _liveness = TimeProvider.System.CreateTimer(static state => ((MessageConnection)state!).CheckLiveness(), this, SweepPeriod, SweepPeriod);
    }

    /// <summary>How often calls whose callers gave up (timeout, cancellation) are forgotten if no response came.</summary>
    public static TimeSpan SweepPeriod { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After this long without a frame from the peer this side pings it; after three times as long the peer is taken
    /// for dead (powered off, partitioned) and the connection is closed, failing its calls and letting clients reconnect.
    /// </summary>
    public static TimeSpan PingInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest frame accepted before the peer's hello: a hello lists grain types, a few KiB at most.</summary>
    public const int MaxFrameSizeBeforeHello = 64 * 1024;

    public string RemoteName => _frames.RemoteName;

    /// <summary>The peer's hello: its identity and, from a silo, its grain types.</summary>
    public Task<HelloMessage> RemoteHello => _remoteHello.Task;

    // Requests go out only after the peer's hello, whose version says whether it reads a request context (2 on).
    private bool PeerReadsRequestContext => _remoteHello.Task.IsCompletedSuccessfully && _remoteHello.Task.Result.ProtocolVersion >= HelloMessage.RequestContextProtocolVersion;

    public bool IsClosed => _frames.IsClosed;

    public int PendingCount => _pending.Count;

    /// <summary>Starts a connection over <paramref name="stream"/>, which it owns from then on, and sends this process's hello.</summary>
    public static async Task<MessageConnection> StartAsync(
        Stream stream, string remoteName, HelloMessage hello, MessagingContext context, Action<MessageConnection, Exception?> onClosed)
    {
        var connection = new MessageConnection(stream, remoteName, context, onClosed);

        // Until the peer has said who it is, it may not make this process buffer a large frame.
        connection._frames.LimitIncomingFrames(MaxFrameSizeBeforeHello);
        try
        {
            connection._frames.Start();
            await connection._frames.SendAsync(FrameType.Hello, JsonSerializer.SerializeToUtf8Bytes(hello, context.Json));
            return connection;
        }
        catch
        {
            // The caller gets no connection to dispose: its threads and socket end here.
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask OnFrameAsync(FramedConnection connection, FrameType type, ReadOnlySequence<byte> payload)
    {
        Volatile.Write(ref _lastReceived, TimeProvider.System.GetTimestamp());
        if (type != FrameType.Hello && !_remoteHello.Task.IsCompletedSuccessfully)
        {
            // Version and identity are checked in the hello: nothing is served before it.
            throw new WireFormatException($"{RemoteName} sent a {type} frame before its hello.");
        }

        switch (type)
        {
            case FrameType.Hello:
                OnHello(payload);
                break;
            case FrameType.Request:
            case FrameType.OneWay:
                OnRequest(payload, expectsResponse: type == FrameType.Request);
                break;
            case FrameType.Response:
                OnResponse(payload);
                break;
            case FrameType.Cancel:
                OnCancel(payload);
                break;
            case FrameType.StreamItem:
                await OnStreamItemAsync(payload);
                break;
            case FrameType.Ping:
                OnPing(payload);
                break;
            case FrameType.Pong:
                OnPong(payload);
                break;
            case FrameType.Goodbye:
                OnGoodbye(payload);
                break;
            default:
                throw new WireFormatException($"{RemoteName} sent a frame of unknown type {(byte)type}.");
        }
    }

    public void OnClosed(FramedConnection connection, Exception? error)
    {
        _sweeper.Dispose();
        _liveness.Dispose();
        var lost = new TransportException(
            $"The connection to {RemoteName} was lost{(error is null ? string.Empty : $" ({error.Message})")}; the outcome of calls in flight on it is unknown.");
        _remoteHello.TrySetException(lost);
        _peerAcknowledged.TrySetResult();
        foreach (var probe in _probes.Values)
        {
            probe.TrySetException(lost);
        }

        foreach (var correlationId in _pending.Keys)
        {
            if (_pending.TryRemove(correlationId, out var call))
            {
                call.Dispose();
                call.Request.TryFail(lost);
            }
        }

        foreach (var correlationId in _incoming.Keys)
        {
            if (_incoming.TryRemove(correlationId, out var incoming))
            {
                TryCancel(incoming.Cancellation);
            }
        }

        _onClosed(this, error);
    }

    public ValueTask DisposeAsync() => _frames.DisposeAsync();

    public override string ToString() => $"messages with {RemoteName}";

    private static void SendResponse(MessageConnection connection, long correlationId, ArrayBufferWriter<byte> buffer)
    {
        try
        {
            var sending = connection._frames.SendAsync(FrameType.Response, buffer.WrittenSpan);
            if (!sending.IsCompletedSuccessfully)
            {
                _ = connection.ObserveResponseSendAsync(sending);
            }
        }
        catch (TransportException exception) when (!connection.IsClosed)
        {
            // Too large for a frame: the caller learns why now instead of timing out.
            var refusal = new ArrayBufferWriter<byte>(256);
            MessageCodec.WriteException(refusal, correlationId, new InvalidOperationException(exception.Message));
            SendResponse(connection, correlationId, refusal);
        }
        catch (TransportException exception)
        {
            LogResponseLost(connection._logger, exception, connection.RemoteName);
        }
    }

    private void OnHello(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        var hello = JsonSerializer.Deserialize<HelloMessage>(ref reader, _json)
            ?? throw new WireFormatException($"{RemoteName} sent an empty hello.");
        if (hello.ProtocolVersion is < HelloMessage.MinSupportedProtocolVersion or > HelloMessage.CurrentProtocolVersion)
        {
            throw new WireFormatException(
                $"{RemoteName} speaks protocol version {hello.ProtocolVersion}; this process speaks {HelloMessage.MinSupportedProtocolVersion} to {HelloMessage.CurrentProtocolVersion}. Upgrade the older processes of the cluster.");
        }

        _frames.LimitIncomingFrames(int.MaxValue);
        _remoteHello.TrySetResult(hello);
    }

    private void OnResponse(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);
        var (correlationId, status, forwarded) = MessageCodec.ReadResponseHeader(ref reader);
        if (!_pending.TryRemove(correlationId, out var call))
        {
            // The caller gave up and the call was forgotten; the late outcome has nobody to go to.
            return;
        }

        call.Dispose();
        if (forwarded && call.Request.Target is { } target)
        {
            _router.OnForwarded(target.GrainId);
        }

        if (status == ResponseStatus.Success)
        {
            call.Request.CompleteFromWire(reader.Remaining, _json);
            return;
        }

        Exception failure;
        try
        {
            failure = MessageCodec.ReadException(ref reader);
        }
        catch (WireFormatException exception)
        {
            failure = exception;
        }

        call.Request.TryFail(failure);
    }

    private void OnCancel(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);

        // Looked up, not removed: the call stays in flight (counted against the limit, waited for by a drain) until
        // its outcome is settled and its responder removes it.
        if (_incoming.TryGetValue(reader.ReadInt64(), out var incoming))
        {
            // The callee's token ends a running call; failing the request drops it if it is still queued.
            TryCancel(incoming.Cancellation);
            incoming.Request.TryFail(new OperationCanceledException("The caller cancelled the call."));
        }
    }

    private static void TryCancel(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended and its responder released the source meanwhile: there is nothing left to cancel.
        }
    }

    private CancellationTokenRegistration WatchCallerCancellation(Request request, long correlationId) =>
        request.CancellationToken.CanBeCanceled
            ? request.CancellationToken.UnsafeRegister(static state => ((CancelNotice)state!).Send(), new CancelNotice(this, correlationId))
            : default;

    private async Task ObserveResponseSendAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (TransportException exception)
        {
            LogResponseLost(_logger, exception, RemoteName);
        }
    }

    private sealed record IncomingCall(CancellationTokenSource Cancellation, Request Request);

    private readonly record struct PendingCall(Request Request, CancellationTokenRegistration Cancellation) : IDisposable
    {
        public void Dispose() => Cancellation.Dispose();
    }
}
