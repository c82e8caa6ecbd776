using System.Net.Sockets;

namespace Cluster.Runtime.Transport;

/// <summary>Connected TCP sockets as the streams framed connections run over.</summary>
internal static class SocketStreams
{
    /// <summary>
    /// A stream over <paramref name="socket"/>, which it owns, with Nagle off: frames are latency-sensitive and
    /// already batched.
    /// </summary>
    public static NetworkStream Open(Socket socket)
    {
        socket.NoDelay = true;

        // The kernel's own probe of a silent peer, a backstop to the connection's pings.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Opens a connection to <paramref name="host"/>:<paramref name="port"/> within <paramref name="timeout"/>.</summary>
    /// <exception cref="TransportException">The peer could not be reached in time.</exception>
    public static async Task<NetworkStream> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token);
            return Open(socket);
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
}
