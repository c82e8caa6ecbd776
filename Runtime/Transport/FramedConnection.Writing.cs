using System.Buffers;
using System.Buffers.Binary;

namespace Cluster.Runtime.Transport;

internal sealed partial class FramedConnection
{
    /// <summary>Frames are gathered up to this many bytes per write; a larger frame is written on its own.</summary>
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>
    /// Writes queued frames until the queue is completed and empty; runs on the connection's writer thread. Frames
    /// queued while a write is in progress go out together in the next one.
    /// </summary>
    private void WriteFrames()
    {
        var reader = _outgoing.Reader;
        var buffer = ArrayPool<byte>.Shared.Rent(WriteBufferSize);
        var length = 0;
        try
        {
            while (true)
            {
                if (reader.TryRead(out var frame))
                {
                    length = Append(buffer, length, frame);
                    continue;
                }

                Flush(buffer, ref length);

                // Reset, then look again before sleeping: a frame queued between the two is seen by the second look,
                // one queued after it sets the event again.
                _outgoingReady.Reset();
                if (reader.TryPeek(out _))
                {
                    continue;
                }

                if (reader.Completion.IsCompleted)
                {
                    return;
                }

                _outgoingReady.Wait(_closing.Token);
            }
        }
        finally
        {
            while (reader.TryRead(out var abandoned))
            {
                ArrayPool<byte>.Shared.Return(abandoned.Buffer);
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int Append(byte[] buffer, int length, OutgoingFrame frame)
    {
        try
        {
            Span<byte> header = stackalloc byte[HeaderSize];
            BinaryPrimitives.WriteInt32LittleEndian(header, frame.Length + 1);
            header[sizeof(int)] = (byte)frame.Type;
            if (length + HeaderSize + frame.Length > buffer.Length)
            {
                Flush(buffer, ref length);
            }

            if (HeaderSize + frame.Length > buffer.Length)
            {
                _stream.Write(header);
                _stream.Write(frame.Buffer, 0, frame.Length);
                _stream.Flush();
                return 0;
            }

            header.CopyTo(buffer.AsSpan(length));
            frame.Buffer.AsSpan(0, frame.Length).CopyTo(buffer.AsSpan(length + HeaderSize));
            return length + HeaderSize + frame.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
        }
    }

    private void Flush(byte[] buffer, ref int length)
    {
        if (length > 0)
        {
            _stream.Write(buffer, 0, length);
            _stream.Flush();
            length = 0;
        }
    }
}
