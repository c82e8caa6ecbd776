using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cluster.ApiHost.Chats;

/// <summary>The stream chunks the API host writes itself (the grains write the rest).</summary>
public static class ChatStreamChunks
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The resume answer for a stream that ended moments ago (§4.4): the stored answer as a JSON string in a transient
    /// <c>data-appendMessage</c> part.
    /// </summary>
    public static string AppendMessage(string messageJson)
    {
        var buffer = new ArrayBufferWriter<byte>(messageJson.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "data-appendMessage");
            writer.WriteString("data", messageJson);
            writer.WriteBoolean("transient", true);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
