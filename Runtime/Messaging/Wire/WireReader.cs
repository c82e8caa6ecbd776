using System.Buffers;
using System.Text;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>Reads the binary fields of a message, failing with <see cref="WireFormatException"/> on truncated input.</summary>
internal ref struct WireReader(ReadOnlySequence<byte> payload)
{
    private SequenceReader<byte> _reader = new(payload);

    public readonly ReadOnlySequence<byte> Remaining => _reader.UnreadSequence;

    public byte ReadByte() => _reader.TryRead(out var value) ? value : throw Truncated("a byte");

    public int ReadInt32() => _reader.TryReadLittleEndian(out int value) ? value : throw Truncated("a 32-bit integer");

    public long ReadInt64() => _reader.TryReadLittleEndian(out long value) ? value : throw Truncated("a 64-bit integer");

    public string ReadString()
    {
        var length = ReadInt32();
        if (length < 0 || length > _reader.Remaining)
        {
            throw new WireFormatException($"A string field claims {length} bytes but {_reader.Remaining} remain in the message.");
        }

        var bytes = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return Encoding.UTF8.GetString(bytes);
    }

    private readonly WireFormatException Truncated(string what) =>
        new($"The message ended where {what} was expected at byte {_reader.Consumed}.");
}
