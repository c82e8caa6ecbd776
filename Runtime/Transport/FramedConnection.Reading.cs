using System.Buffers;
using System.Buffers.Binary;

namespace Cluster.Runtime.Transport;

internal sealed partial class FramedConnection
{
    private async Task ReadLoopAsync()
    {
        var reader = _pipe.Input;
        while (true)
        {
            var result = await reader.ReadAsync(_closing.Token);
            var buffer = result.Buffer;
            try
            {
                while (TryReadFrame(ref buffer, out var type, out var payload))
                {
                    await _handler.OnFrameAsync(this, type, payload);
                }

                if (result.IsCompleted)
                {
                    if (buffer.Length > 0)
                    {
                        throw new TransportException($"The connection to {RemoteName} ended in the middle of a frame.");
                    }

                    return;
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out FrameType type, out ReadOnlySequence<byte> payload)
    {
        type = default;
        payload = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var limit = Volatile.Read(ref _maxIncomingFrameSize);
        if (length < 1 || length > limit)
        {
            throw new TransportException(limit < _maxFrameSize
                ? $"{RemoteName} sent a frame of {length} bytes before its hello, whose limit is {limit}. The connection is closed."
                : $"{RemoteName} sent a frame of {length} bytes; the limit ({TransportOptions.SectionName}:{nameof(TransportOptions.MaxFrameSize)}) is {_maxFrameSize}. The connection is closed.");
        }

        if (buffer.Length < sizeof(int) + length)
        {
            return false;
        }

        type = (FrameType)header[sizeof(int)];
        payload = buffer.Slice(HeaderSize, length - 1);
        buffer = buffer.Slice(sizeof(int) + length);
        return true;
    }
}
