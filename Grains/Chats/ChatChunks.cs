using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Cluster.Grains.Chats;

/// <summary>
/// The chunks of the AI SDK 5 UI message stream (../shared/contracts/chat-api.md §4), as compact JSON with <c>type</c>
/// first and no key the client's strict schema does not know.
/// </summary>
internal static class ChatChunks
{
    // Non-ASCII text stays readable and short; the chunks travel in SSE and JSON, never inside HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Start(string messageId) => Write("start", writer => writer.WriteString("messageId", messageId));

    public static string StartStep() => Write("start-step", null);

    public static string PartStart(string kind, string id) => Write($"{kind}-start", writer => writer.WriteString("id", id));

    public static string PartDelta(string kind, string id, string delta) => Write($"{kind}-delta", writer =>
    {
        writer.WriteString("id", id);
        writer.WriteString("delta", delta);
    });

    public static string PartEnd(string kind, string id) => Write($"{kind}-end", writer => writer.WriteString("id", id));

    public static string Finish(string? finishReason) => Write("finish", finishReason is null ? null : writer =>
    {
        writer.WriteStartObject("messageMetadata");
        writer.WriteString("finishReason", finishReason);
        writer.WriteEndObject();
    });

    public static string Error(string errorText) => Write("error", writer => writer.WriteString("errorText", errorText));

    private static string Write(string type, Action<Utf8JsonWriter>? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
