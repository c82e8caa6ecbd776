using System.Buffers;
using System.Text.Json;

namespace Cluster.ApiHost.Sockets;

/// <summary>The JSON envelope: requests as clients send them, responses with their keys in the contract's order.</summary>
internal static class PackageJsonCodec
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static EnvelopeRead Read(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, DocumentOptions);
        }
        catch (JsonException)
        {
            return EnvelopeRead.Close("Not JSON; send {\"pkg_id\": <int>, \"req_id\": \"<uuid>\", \"data\": {...}}");
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A string escape the parser let through but that is no Unicode text (a lone surrogate).
                return EnvelopeRead.Close("A string is not valid Unicode");
            }
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a string or name in <paramref name="element"/> is not valid Unicode.</summary>
    public static void CheckStrings(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckStrings(item);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    CheckStrings(property.Value);
                }

                break;
        }
    }

    private static EnvelopeRead Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return EnvelopeRead.Close("Not a JSON object; send {\"pkg_id\": <int>, \"req_id\": \"<uuid>\", \"data\": {...}}");
        }

        if (!root.TryGetProperty("pkg_id", out var packageId) || packageId.ValueKind != JsonValueKind.Number || !packageId.TryGetInt32(out var id))
        {
            return EnvelopeRead.Close("pkg_id must be an integer");
        }

        if (!root.TryGetProperty("req_id", out var requestId) || requestId.ValueKind != JsonValueKind.String || !Guid.TryParse(requestId.GetString(), out var guid))
        {
            return EnvelopeRead.Close("req_id must be a UUID");
        }

        var canonical = guid.ToString("D");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null)
        {
            return EnvelopeRead.Read(new PackageRequest(id, canonical, EmptyObject()));
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return EnvelopeRead.Answer(id, canonical, "data must be a JSON object or null.");
        }

        try
        {
            CheckStrings(data);
        }
        catch (InvalidOperationException)
        {
            return EnvelopeRead.Answer(id, canonical, "data has a string that is not valid Unicode (a lone surrogate escape).");
        }

        return EnvelopeRead.Read(new PackageRequest(id, canonical, data.Clone()));
    }

    /// <summary>A response or push: <c>pkg_id</c>, <c>req_id</c>, <c>status_code</c>, <c>meta</c>, <c>data</c>, in that order.</summary>
    public static byte[] Write(int packageId, string requestId, int statusCode, PackageMeta? meta, ReadOnlySpan<byte> dataJson)
    {
        var buffer = new ArrayBufferWriter<byte>(dataJson.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("pkg_id", packageId);
            writer.WriteString("req_id", requestId);
            writer.WriteNumber("status_code", statusCode);
            writer.WritePropertyName("meta");
            if (meta is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                JsonSerializer.Serialize(writer, meta, PackageReply.SerializerOptions);
            }

            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
