using System.IO.Pipelines;
using System.Net.Sockets;

namespace Cluster.Runtime.Transport;

/// <summary>A connected TCP socket as a pair of pipes, with Nagle off: frames are latency-sensitive and already batched.</summary>
internal sealed class SocketPipe : IDuplexPipe, IAsyncDisposable
{
    private readonly NetworkStream _stream;

    public SocketPipe(Socket socket)
    {
        socket.NoDelay = true;

        // The kernel's own probe of a silent peer, a backstop to the connection's pings.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        RemoteName = socket.RemoteEndPoint?.ToString() ?? "unknown peer";
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public string RemoteName { get; }

    /// <summary>Opens a connection to <paramref name="host"/>:<paramref name="port"/> within <paramref name="timeout"/>.</summary>
    /// <exception cref="TransportException">The peer could not be reached in time.</exception>
    public static async Task<SocketPipe> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token);
            return new SocketPipe(socket);
        }
        catch (Exception exception) when (exception is SocketException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            socket.Dispose();
            throw new TransportException($"Could not connect to {host}:{port} within {timeout}: {exception.Message}", exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync();
        await Output.CompleteAsync();
        await _stream.DisposeAsync();
    }
}
