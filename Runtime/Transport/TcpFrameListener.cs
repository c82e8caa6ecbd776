using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Transport;

/// <summary>
/// Accepts TCP connections on one endpoint and hands each, as a stream with the peer's endpoint, to a callback that
/// owns the stream from then on.
/// </summary>
internal sealed partial class TcpFrameListener(IPEndPoint endpoint, Func<Stream, string, Task> onAccepted, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket = new(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;
    private int _disposed;

    /// <summary>The bound endpoint (with the actual port when 0 was asked for).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Start()
    {
        // A restarted silo must be able to bind its port again while old connections sit in TIME_WAIT.
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.Bind(endpoint);
        _socket.Listen(512);
        _accepting = AcceptLoopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _socket.Dispose();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                // One failed accept (the peer reset first) must not stop the listener; a lasting one (out of file
                // handles) must not spin either.
                LogAcceptFailed(logger, exception, LocalEndPoint);
                await Task.Delay(AcceptRetryDelay, CancellationToken.None);
                continue;
            }

            _ = HandleAsync(accepted);
        }
    }

    private async Task HandleAsync(Socket accepted)
    {
        var remoteName = accepted.RemoteEndPoint?.ToString() ?? "unknown peer";
        try
        {
            await onAccepted(SocketStreams.Open(accepted), remoteName);
        }
        catch (Exception exception)
        {
            LogHandlerFailed(logger, exception, remoteName);
            accepted.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a connection on {Endpoint} failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Setting up the connection from {Remote} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string remote);
}
