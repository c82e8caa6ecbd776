using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>Writes the binary fields of a message: little-endian integers and length-prefixed UTF-8 strings.</summary>
internal static class WireWriter
{
    public static void WriteByte(IBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }

    public static void WriteInt32(IBufferWriter<byte> writer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(sizeof(int)), value);
        writer.Advance(sizeof(int));
    }

    public static void WriteInt64(IBufferWriter<byte> writer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(sizeof(long)), value);
        writer.Advance(sizeof(long));
    }

    public static void WriteString(IBufferWriter<byte> writer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(writer, length);
        var written = Encoding.UTF8.GetBytes(value, writer.GetSpan(length));
        writer.Advance(written);
    }
}
