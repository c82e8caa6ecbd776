using System.Buffers;
using System.Buffers.Binary;

namespace Cluster.Runtime.Transport;

internal sealed partial class FramedConnection
{
    /// <summary>What one read of the stream asks for, and the buffer size kept between large frames.</summary>
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>Reads frames until the peer ends the stream; runs on the connection's reader thread.</summary>
    private void ReadFrames()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        var start = 0;
        var end = 0;
        try
        {
            while (true)
            {
                int needed;
                while (TryReadFrame(buffer, ref start, end, out var type, out var payload, out needed))
                {
                    var handled = _handler.OnFrameAsync(this, type, new ReadOnlySequence<byte>(payload));
                    if (!handled.IsCompletedSuccessfully)
                    {
                        // Back-pressure: the next frame waits for this one, whatever the handler waits for.
                        handled.AsTask().GetAwaiter().GetResult();
                    }
                }

                (buffer, start, end) = MakeRoom(buffer, start, end, needed);
                var read = _stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    if (end > start)
                    {
                        throw new TransportException($"The connection to {RemoteName} ended in the middle of a frame.");
                    }

                    return;
                }

                end += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Moves the unread bytes to the front of the buffer, into a larger one when the frame being read does not fit,
    /// and back into a buffer of the usual size once a large frame has gone.
    /// </summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end, int needed)
    {
        var unread = end - start;
        var size = Math.Max(ReadBufferSize, needed);
        if (buffer.Length < size || (buffer.Length > ReadBufferSize && size == ReadBufferSize))
        {
            var resized = ArrayPool<byte>.Shared.Rent(size);
            buffer.AsSpan(start, unread).CopyTo(resized);
            ArrayPool<byte>.Shared.Return(buffer);
            return (resized, 0, unread);
        }

        if (start > 0)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
        }

        return (buffer, 0, unread);
    }

    /// <summary>
    /// The next whole frame in <c>buffer[start..end]</c>, advancing <paramref name="start"/> past it; or false and,
    /// in <paramref name="needed"/>, how many bytes the incomplete frame at <paramref name="start"/> takes in all.
    /// </summary>
    private bool TryReadFrame(byte[] buffer, ref int start, int end, out FrameType type, out ReadOnlyMemory<byte> payload, out int needed)
    {
        type = default;
        payload = default;
        needed = HeaderSize;
        if (end - start < HeaderSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
        var limit = Volatile.Read(ref _maxIncomingFrameSize);
        if (length < 1 || length > limit)
        {
            throw new TransportException(limit < _maxFrameSize
                ? $"{RemoteName} sent a frame of {length} bytes before its hello, whose limit is {limit}. The connection is closed."
                : $"{RemoteName} sent a frame of {length} bytes; the limit ({TransportOptions.SectionName}:{nameof(TransportOptions.MaxFrameSize)}) is {_maxFrameSize}. The connection is closed.");
        }

        needed = sizeof(int) + length;
        if (end - start < needed)
        {
            return false;
        }

        type = (FrameType)buffer[start + sizeof(int)];
        payload = buffer.AsMemory(start + HeaderSize, length - 1);
        start += needed;
        return true;
    }
}
