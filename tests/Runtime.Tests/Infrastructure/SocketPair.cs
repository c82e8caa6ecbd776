using System.Net;
using System.Net.Sockets;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>Two ends of one real loopback TCP connection.</summary>
internal static class SocketPair
{
    /// <param name="bufferSize">Kernel send and receive buffer sizes in bytes, small to make back-pressure quick; null for the defaults.</param>
    public static (Socket Left, Socket Right) Create(int? bufferSize = null)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var left = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (bufferSize is { } size)
        {
            left.SendBufferSize = size;
            left.ReceiveBufferSize = size;
        }

        left.Connect(listener.LocalEndPoint!);
        var right = listener.Accept();
        if (bufferSize is { } accepted)
        {
            right.SendBufferSize = accepted;
            right.ReceiveBufferSize = accepted;
        }

        return (left, right);
    }
}
