using System.Net.WebSockets;
using System.Threading.Channels;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.RateLimiting;
using Cluster.Grains.Interfaces.Sockets;

namespace Cluster.ApiHost.Sockets;

/// <summary>
/// One <c>/web</c> connection. Requests are read and answered one at a time, so answers keep request order; every
/// frame leaves through one queue with a single sender (a WebSocket allows one send at a time), pushes included. A
/// connection ends with a close frame saying why: the client's close, a limit, the session's end, or a malformed
/// envelope. Nothing a client sends ends it any other way.
/// </summary>
internal sealed partial class PackageConnection : IPackagePushTarget
{
    private const int InitialBufferBytes = 4096;
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly PackageSocketHost _host;
    private readonly WebSocket _socket;
    private readonly PackageFormat _format;
    private readonly Channel<Frame> _outbound = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _connectionId = Guid.NewGuid().ToString("N");
    private byte[] _buffer = new byte[InitialBufferBytes];
    private volatile AuthenticatedCaller? _caller;
    private string? _token;
    private int _queued;
    private long _queuedBytes;
    private int _closing;

    public PackageConnection(PackageSocketHost host, WebSocket socket, PackageFormat format, AuthenticatedCaller? caller, string? token)
    {
        _host = host;
        _socket = socket;
        _format = format;
        _caller = caller;
        _token = token;
    }

    public CancellationToken Closed => _lifetime.Token;

    private PackageSocketOptions Options => _host.Options;

    public async Task RunAsync(CancellationToken aborted)
    {
        var abort = aborted.Register(static state => ((PackageConnection)state!)._lifetime.Cancel(), this);
        var sending = SendAllAsync();
        var counted = false;
        try
        {
            if (_caller is null && !await AuthenticateByFrameAsync())
            {
                return;
            }

            // Counted from the attempt on: an open that went through at the grain but failed here is forgotten too.
            counted = true;
            if (!await _host.Cluster.GetGrain<ISocketConnectionsGrain>(_caller!.User.Id)
                .TryOpenAsync(_connectionId, Options.MaxConnectionsPerUser, Options.ConnectionLease, Closed))
            {
                Close(WebSocketCloseStatus.PolicyViolation, "Maximum concurrent connections exceeded");
                return;
            }

            _ = WatchSessionAsync();
            await ReceiveAllAsync();
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client went away, or the host is stopping: nothing is left to say to it.
        }
        catch (Exception exception)
        {
            LogConnectionFailed(_host.Logger, exception);
            Close(WebSocketCloseStatus.InternalServerError, "Internal error");
        }
        finally
        {
            Close(WebSocketCloseStatus.NormalClosure, string.Empty);
            await sending;
            await DrainAsync();
            await abort.DisposeAsync();
            await _lifetime.CancelAsync();
            if (counted)
            {
                await ForgetAsync();
            }
        }
    }

    public bool Push(int packageId, string requestId, ReadOnlySpan<byte> dataJson) =>
        Enqueue(Encode(packageId, requestId, PackageStatus.Ok, null, dataJson));

    private async Task ReceiveAllAsync()
    {
        while (Volatile.Read(ref _closing) == 0)
        {
            var (type, length) = await ReceiveAsync(Closed);

            // A message that arrives once closing began (the session ended, say) is not served.
            if (type is null || Volatile.Read(ref _closing) != 0)
            {
                return;
            }

            if (_host.RateLimited && !(await _host.Limiter.AcquireAsync(RateLimitOptions.WebSocketMessages, "user:" + _caller!.User.Id, cancellationToken: Closed)).Allowed)
            {
                Close(WebSocketCloseStatus.PolicyViolation, "Message rate limit exceeded");
                return;
            }

            var expected = _format == PackageFormat.Json ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
            if (type != expected)
            {
                Close(WebSocketCloseStatus.InvalidMessageType, _format == PackageFormat.Json
                    ? "Send JSON in text frames, or connect with ?format=protobuf"
                    : "Send protobuf in binary frames, or connect with ?format=json");
                return;
            }

            var message = _buffer.AsMemory(0, length);
            var read = _format == PackageFormat.Json ? PackageJsonCodec.Read(message) : PackageProtobufCodec.Read(message.Span);
            if (read.Request is { } request)
            {
                await AnswerAsync(request);
            }
            else if (read.RequestId is { } requestId)
            {
                Reply(read.PackageId, requestId, PackageReply.Invalid("invalid_envelope", read.Problem!));
            }
            else
            {
                Close(WebSocketCloseStatus.InvalidMessageType, read.Problem!);
                return;
            }
        }
    }

    // The contract's order: a handler, the roles, the schema, then the handler's own checks.
    private async Task AnswerAsync(PackageRequest request)
    {
        var packages = _host.Packages;
        var caller = _caller!;
        PackageReply reply;
        if (packages.Find(request.PackageId) is not { } handler)
        {
            reply = PackageReply.Error($"No handler found for pkg_id {request.PackageId}");
        }
        else if (!handler.RequiredRoles.All(role => HasRole(caller, role)))
        {
            reply = PackageReply.Denied(request.PackageId);
        }
        else if (packages.Validate(request.PackageId, request.Data) is { Count: > 0 } errors)
        {
            var first = errors[0];
            reply = PackageReply.Invalid("invalid_data", $"data does not match the schema of pkg_id {request.PackageId}: {first.Error} at {first.Path}.", errors);
        }
        else
        {
            try
            {
                reply = await handler.HandleAsync(new PackageCall(request, caller, this), Closed);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !Closed.IsCancellationRequested)
            {
                LogPackageFailed(_host.Logger, request.PackageId, exception);
                reply = PackageReply.Error($"pkg_id {request.PackageId} failed inside the cluster; try again (req_id {request.RequestId}).");
            }
        }

        if (Reply(request.PackageId, request.RequestId, reply) && reply.Then is { } then)
        {
            _ = then();
        }
    }

    private static bool HasRole(AuthenticatedCaller caller, string role) =>
        role == IdentityNames.User || role == IdentityNames.Of(caller.User.Role);

    private bool Reply(int packageId, string requestId, PackageReply reply) =>
        Enqueue(Encode(packageId, requestId, reply.StatusCode, reply.Meta, reply.DataJson));

    private Frame Encode(int packageId, string requestId, int statusCode, PackageMeta? meta, ReadOnlySpan<byte> dataJson) => _format == PackageFormat.Json
        ? new Frame(PackageJsonCodec.Write(packageId, requestId, statusCode, meta, dataJson), WebSocketMessageType.Text)
        : new Frame(PackageProtobufCodec.Write(packageId, requestId, statusCode, meta, dataJson), WebSocketMessageType.Binary);

    private bool Enqueue(Frame frame)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return false;
        }

        var bytes = frame.Bytes?.Length ?? 0;
        if (Interlocked.Increment(ref _queued) > Options.MaxQueuedFrames || Interlocked.Add(ref _queuedBytes, bytes) > Options.MaxQueuedBytes)
        {
            // A client that reads nothing would hold every frame in memory; it cannot be told more, so it is cut off.
            if (Interlocked.Exchange(ref _closing, 1) == 0)
            {
                LogClientTooSlow(_host.Logger, Options.MaxQueuedFrames, Options.MaxQueuedBytes);
                _outbound.Writer.TryComplete();
                _socket.Abort();
                _lifetime.Cancel();
            }

            return false;
        }

        return _outbound.Writer.TryWrite(frame);
    }

    private void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 0)
        {
            _outbound.Writer.TryWrite(new Frame(null, WebSocketMessageType.Close, status, reason));
            _outbound.Writer.TryComplete();

            // The frames queued before the close, the close and the client's answer get this long, even from a client
            // that stopped reading (whose sends would otherwise wait for ever).
            _lifetime.CancelAfter(CloseGrace);
        }
    }

    private async Task SendAllAsync()
    {
        try
        {
            await foreach (var frame in _outbound.Reader.ReadAllAsync())
            {
                Interlocked.Decrement(ref _queued);
                if (frame.Bytes is null)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(frame.CloseStatus, frame.Reason, Closed);
                    }

                    return;
                }

                await _socket.SendAsync(frame.Bytes, frame.Type, endOfMessage: true, Closed);
                Interlocked.Add(ref _queuedBytes, -frame.Bytes.Length);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            await _lifetime.CancelAsync();
        }
    }

    /// <summary>One frame to send, or the close frame (no bytes).</summary>
    private sealed record Frame(byte[]? Bytes, WebSocketMessageType Type, WebSocketCloseStatus CloseStatus = default, string? Reason = null);
}
