using System.Net.WebSockets;
using System.Text.Json;
using Cluster.Grains.Interfaces.Sockets;

namespace Cluster.ApiHost.Sockets;

/// <summary>Reading frames, the auth frame, and the session watch.</summary>
internal sealed partial class PackageConnection
{
    private const WebSocketCloseStatus AuthenticationFailed = (WebSocketCloseStatus)4001;
    private const WebSocketCloseStatus AuthenticationTimeout = (WebSocketCloseStatus)4002;
    private static readonly byte[] AuthOk = """{"type":"auth_ok"}"""u8.ToArray();

    // One whole message into the buffer: its type and length; null when the client closed or the message was too big.
    private async Task<(WebSocketMessageType? Type, int Length)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, Options.MaxMessageBytes + 1));
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Close(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, string.Empty);
                return (null, 0);
            }

            length += result.Count;
            if (length > Options.MaxMessageBytes)
            {
                Close(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {Options.MaxMessageBytes} bytes");
                return (null, 0);
            }

            if (result.EndOfMessage)
            {
                return (result.MessageType, length);
            }
        }
    }

    // Waits for the client's close frame after ours, until the grace the sender set runs out.
    private async Task DrainAsync()
    {
        var scratch = new byte[256];
        try
        {
            while (_socket.State == WebSocketState.CloseSent)
            {
                if ((await _socket.ReceiveAsync(scratch, Closed)).MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
    }

    // With no token in the URL, the first frame must be {"type":"auth","token":"Bearer <jwt>"}, within the timeout.
    private async Task<bool> AuthenticateByFrameAsync()
    {
        // Cancelling a receive would abort the socket before the close frame could say why, so the timeout races it.
        var receive = ReceiveAsync(Closed);
        if (await Task.WhenAny(receive, Task.Delay(Options.AuthFrameTimeout, _host.TimeProvider, Closed)) != receive)
        {
            Close(AuthenticationTimeout, "Authentication timeout");
            await receive.ContinueWith(static _ => { }, TaskScheduler.Default);
            return false;
        }

        var (type, length) = await receive;
        if (type is null)
        {
            return false;
        }

        var token = type == WebSocketMessageType.Text ? TokenOf(_buffer.AsMemory(0, length)) : null;
        var caller = token is null ? null : (await _host.Authenticator.AuthenticateAsync(token, fromCookie: false, Closed)).Caller;
        if (caller is null)
        {
            Close(AuthenticationFailed, "Authentication failed");
            return false;
        }

        _caller = caller;
        _token = token;
        return Enqueue(new Frame(AuthOk, WebSocketMessageType.Text));
    }

    private static string? TokenOf(ReadOnlyMemory<byte> frame)
    {
        try
        {
            using var document = JsonDocument.Parse(frame);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                || type.GetString() != "auth" || !root.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return PackageSocketTokens.FromAuthorization(token.GetString()!, schemeRequired: false);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // Renews the connection's lease and checks its session; a session that ended closes the connection with 1000.
    private async Task WatchSessionAsync()
    {
        var time = _host.TimeProvider;
        var renewal = Options.ConnectionLease / 3;
        var tick = renewal < Options.SessionCheckInterval ? renewal : Options.SessionCheckInterval;
        var renewAt = time.GetUtcNow() + renewal;
        var checkAt = time.GetUtcNow() + Options.SessionCheckInterval;
        try
        {
            while (true)
            {
                await Task.Delay(tick, time, Closed);
                var now = time.GetUtcNow();
                if (now >= renewAt)
                {
                    renewAt = now + renewal;
                    await RenewAsync();
                }

                if (now >= checkAt)
                {
                    checkAt = now + Options.SessionCheckInterval;
                    if (!await SessionLiveAsync())
                    {
                        Close(WebSocketCloseStatus.NormalClosure, "Session ended");
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<bool> SessionLiveAsync()
    {
        try
        {
            var (caller, _, _) = await _host.Authenticator.AuthenticateAsync(_token!, fromCookie: false, Closed);
            if (caller is null)
            {
                return false;
            }

            _caller = caller;
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The cluster could not answer: the session is given the benefit of the doubt until the next check.
            LogSessionCheckFailed(_host.Logger, exception);
            return true;
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            await _host.Cluster.GetGrain<ISocketConnectionsGrain>(_caller!.User.Id).RenewAsync(_connectionId, Options.ConnectionLease, Closed);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLeaseFailed(_host.Logger, exception);
        }
    }

    private async Task ForgetAsync()
    {
        try
        {
            await _host.Cluster.GetGrain<ISocketConnectionsGrain>(_caller!.User.Id).CloseAsync(_connectionId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Its lease lapses on its own.
            LogLeaseFailed(_host.Logger, exception);
        }
    }
}
