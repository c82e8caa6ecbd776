using System.Text;
using System.Text.Json;
using Cluster.Grains.Interfaces.Channels;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// A channel message as clients get it, over SSE and the WebSocket alike:
/// <c>{"channel", "sequence", "publishedAt", "publisher", "payload"}</c> with the payload as published.
/// </summary>
public static class ChannelEventJson
{
    /// <summary>The message's JSON, UTF-8.</summary>
    public static byte[] Write(ChannelMessage message, string channel)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream(message.PayloadJson.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("channel", channel);
            writer.WriteNumber("sequence", message.Sequence);
            writer.WriteString("publishedAt", message.PublishedAt);
            writer.WriteString("publisher", message.Publisher);
            writer.WritePropertyName("payload");
            writer.WriteRawValue(message.PayloadJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A notice (<c>missed</c>, <c>dropped</c>) as JSON, UTF-8.</summary>
    public static byte[] Notice(string type, string channel, string member, object value) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = type, ["channel"] = channel, [member] = value }));
}
