using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Cluster.ApiHost.Sockets;

/// <summary>
/// The protobuf variant (package <c>websocket</c>), encoded by hand as the contract allows:
/// <c>Request{int32 pkg_id=1; string req_id=2; string method=3; string data_json=4}</c>,
/// <c>Response{int32 pkg_id=1; string req_id=2; int32 status_code=3; string data_json=4; Metadata meta=5}</c>,
/// <c>Metadata{int32 page=1; int32 per_page=2; int32 total=3; int32 pages=4}</c>. Fields at their default are left
/// out, as proto3 does; unknown fields are skipped.
/// </summary>
internal static class PackageProtobufCodec
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    public static EnvelopeRead Read(ReadOnlySpan<byte> message)
    {
        var packageId = 0;
        string? requestId = null;
        var dataJson = ReadOnlySpan<byte>.Empty;
        var position = 0;
        while (position < message.Length)
        {
            if (!TryReadVarint(message, ref position, out var tag))
            {
                return Malformed();
            }

            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case Varint:
                    if (!TryReadVarint(message, ref position, out var number))
                    {
                        return Malformed();
                    }

                    if (field == 1)
                    {
                        packageId = unchecked((int)number);
                    }

                    break;
                case LengthDelimited:
                    if (!TryReadVarint(message, ref position, out var length) || length > (ulong)(message.Length - position))
                    {
                        return Malformed();
                    }

                    var bytes = message.Slice(position, (int)length);
                    position += (int)length;
                    if (field == 2)
                    {
                        requestId = Encoding.UTF8.GetString(bytes);
                    }
                    else if (field == 4)
                    {
                        dataJson = bytes;
                    }

                    break;
                case Fixed64 when position + 8 <= message.Length:
                    position += 8;
                    break;
                case Fixed32 when position + 4 <= message.Length:
                    position += 4;
                    break;
                default:
                    return Malformed();
            }
        }

        if (!Guid.TryParse(requestId, out var guid))
        {
            return EnvelopeRead.Close("req_id must be a UUID");
        }

        var canonical = guid.ToString("D");
        if (dataJson.IsEmpty)
        {
            return EnvelopeRead.Read(new PackageRequest(packageId, canonical, PackageJsonCodec.EmptyObject()));
        }

        if (!Utf8.IsValid(dataJson))
        {
            return EnvelopeRead.Answer(packageId, canonical, "data_json is not UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(dataJson.ToArray());
            PackageJsonCodec.CheckStrings(document.RootElement);
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => EnvelopeRead.Read(new PackageRequest(packageId, canonical, document.RootElement.Clone())),
                JsonValueKind.Null => EnvelopeRead.Read(new PackageRequest(packageId, canonical, PackageJsonCodec.EmptyObject())),
                _ => EnvelopeRead.Answer(packageId, canonical, "data_json must be a JSON object."),
            };
        }
        catch (JsonException)
        {
            return EnvelopeRead.Answer(packageId, canonical, "data_json is not JSON.");
        }
        catch (InvalidOperationException)
        {
            return EnvelopeRead.Answer(packageId, canonical, "data_json has a string that is not valid Unicode (a lone surrogate escape).");
        }
    }

    public static byte[] Write(int packageId, string requestId, int statusCode, PackageMeta? meta, ReadOnlySpan<byte> dataJson)
    {
        var buffer = new ArrayBufferWriter<byte>(dataJson.Length + 64);
        WriteVarintField(buffer, 1, packageId);
        WriteBytesField(buffer, 2, Encoding.UTF8.GetBytes(requestId));
        WriteVarintField(buffer, 3, statusCode);
        WriteBytesField(buffer, 4, dataJson);
        if (meta is not null)
        {
            var metadata = new ArrayBufferWriter<byte>(32);
            WriteVarintField(metadata, 1, meta.Page);
            WriteVarintField(metadata, 2, meta.PerPage);
            WriteVarintField(metadata, 3, Saturate(meta.Total));
            WriteVarintField(metadata, 4, Saturate(meta.Pages));
            WriteTag(buffer, 5, LengthDelimited);
            WriteVarint(buffer, (ulong)metadata.WrittenCount);
            buffer.Write(metadata.WrittenSpan);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static EnvelopeRead Malformed() => EnvelopeRead.Close("Not a protobuf websocket.Request message");

    // The contract's Metadata counts are int32.
    private static int Saturate(long value) => (int)Math.Min(value, int.MaxValue);

    private static void WriteVarintField(ArrayBufferWriter<byte> buffer, int field, int value)
    {
        if (value != 0)
        {
            WriteTag(buffer, field, Varint);

            // int32 is sign-extended to 64 bits on the wire, so a negative value takes ten bytes.
            WriteVarint(buffer, unchecked((ulong)(long)value));
        }
    }

    private static void WriteBytesField(ArrayBufferWriter<byte> buffer, int field, ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
        {
            WriteTag(buffer, field, LengthDelimited);
            WriteVarint(buffer, (ulong)value.Length);
            buffer.Write(value);
        }
    }

    private static void WriteTag(ArrayBufferWriter<byte> buffer, int field, int wireType) => WriteVarint(buffer, (ulong)((field << 3) | wireType));

    private static void WriteVarint(ArrayBufferWriter<byte> buffer, ulong value)
    {
        var span = buffer.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        buffer.Advance(length);
    }

    private static bool TryReadVarint(ReadOnlySpan<byte> message, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && position < message.Length; shift += 7)
        {
            var next = message[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
