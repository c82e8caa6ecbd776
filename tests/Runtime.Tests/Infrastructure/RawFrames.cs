using System.Buffers.Binary;
using System.Net.Sockets;
using Cluster.Runtime.Transport;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>The transport's frames written and read by hand, for tests that play a misbehaving or older peer.</summary>
public static class RawFrames
{
    /// <summary>A frame: its length (type byte included, little-endian), its type, its payload.</summary>
    public static byte[] Frame(FrameType type, byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length + 1);
        frame[4] = (byte)type;
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The next frame from <paramref name="socket"/>.</summary>
    public static async Task<(FrameType Type, byte[] Payload)> ReadAsync(Socket socket)
    {
        var prefix = await ReadExactlyAsync(socket, 4);
        var frame = await ReadExactlyAsync(socket, BinaryPrimitives.ReadInt32LittleEndian(prefix));
        return ((FrameType)frame[0], frame[1..]);
    }

    /// <summary>Reads until the peer closes the connection (or 10 s pass); the bytes received and the last read's count.</summary>
    public static async Task<(int Received, int LastRead)> ReadUntilClosedAsync(Socket socket, byte[] buffer)
    {
        var received = 0;
        int read;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
            {
                received += read;
            }
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A peer that closes with bytes of ours still unread resets the connection: closed all the same.
            read = 0;
        }

        return (received, read);
    }

    private static async Task<byte[]> ReadExactlyAsync(Socket socket, int length)
    {
        var bytes = new byte[length];
        for (var offset = 0; offset < length;)
        {
            var read = await socket.ReceiveAsync(bytes.AsMemory(offset));
            offset += read > 0 ? read : throw new IOException("The peer closed the connection.");
        }

        return bytes;
    }
}
