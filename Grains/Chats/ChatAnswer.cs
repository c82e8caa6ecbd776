using System.Text;
using System.Text.Json;
using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats;

/// <summary>
/// An answer as it is generated: its chunks in stream order, and its text and reasoning for the message stored at the
/// end. Chunks follow the contract's order: <c>start</c>, <c>start-step</c>, the reasoning part (reasoning models), the
/// text part, then <c>finish</c> (or <c>error</c>), each part opened before its deltas and closed before the next.
/// </summary>
internal sealed class ChatAnswer
{
    private const string TextPart = "text";
    private const string ReasoningPart = "reasoning";

    private readonly StringBuilder _text;
    private readonly StringBuilder _reasoning;
    private string? _openPart;
    private bool _textStarted;

    private ChatAnswer(string messageId, List<string> chunks, string text, string reasoning, string? openPart)
    {
        MessageId = messageId;
        Chunks = chunks;
        _text = new StringBuilder(text);
        _reasoning = new StringBuilder(reasoning);
        _openPart = openPart;
        _textStarted = text.Length > 0 || openPart == TextPart;
    }

    public string MessageId { get; }

    public List<string> Chunks { get; }

    public ChatUsage? Usage { get; set; }

    /// <summary>Characters of text and reasoning so far.</summary>
    public int Length => _text.Length + _reasoning.Length;

    /// <summary>A new answer, with its first chunks.</summary>
    public static ChatAnswer Begin(string messageId) =>
        new(messageId, [ChatChunks.Start(messageId), ChatChunks.StartStep()], string.Empty, string.Empty, null);

    /// <summary>The answer as a stream persisted it, with all its <paramref name="chunks"/> (the paged ones and the state's).</summary>
    public static ChatAnswer From(ChatStreamState state, IEnumerable<string> chunks) =>
        new(state.AssistantMessageId!, [.. chunks], state.Text, state.Reasoning, state.OpenPart) { Usage = state.Usage };

    /// <summary>Adds a piece of text or reasoning; returns the index of the first chunk it added.</summary>
    public int Add(ModelStreamItem item)
    {
        var first = Chunks.Count;
        switch (item.Kind)
        {
            case ModelStreamItemKind.Reasoning when !_textStarted:
                Open(ReasoningPart);
                _reasoning.Append(item.Text);
                Chunks.Add(ChatChunks.PartDelta(ReasoningPart, PartId(ReasoningPart), item.Text));
                break;
            case ModelStreamItemKind.Text:
                Open(TextPart);
                _textStarted = true;
                _text.Append(item.Text);
                Chunks.Add(ChatChunks.PartDelta(TextPart, PartId(TextPart), item.Text));
                break;
            default:
                // Reasoning after the text has begun is dropped: the contract allows no part after the text part.
                break;
        }

        return first;
    }

    /// <summary>Closes the open part and ends the stream as <paramref name="status"/> says; returns the index of the first chunk added.</summary>
    public int Close(ChatStreamStatus status, string? errorText)
    {
        var first = Chunks.Count;
        CloseOpenPart();
        Chunks.Add(status switch
        {
            ChatStreamStatus.Completed => ChatChunks.Finish(null),
            ChatStreamStatus.Stopped => ChatChunks.Finish("stopped"),
            _ => ChatChunks.Error(errorText ?? "The answer could not be completed."),
        });
        return first;
    }

    /// <summary>The message stored for the answer.</summary>
    public ChatMessageInfo ToMessage(DateTimeOffset createdAt, ChatMessageStatus status)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            writer.WriteString("type", "step-start");
            writer.WriteEndObject();
            WritePart(writer, ReasoningPart, _reasoning);
            WritePart(writer, TextPart, _text);
            writer.WriteEndArray();
        }

        using var parts = JsonDocument.Parse(buffer.ToArray());
        using var attachments = JsonDocument.Parse("[]");
        return new ChatMessageInfo(MessageId, "assistant", parts.RootElement.Clone(), attachments.RootElement.Clone(), createdAt, status);
    }

    /// <summary>What is persisted of the answer, with its chunks after the first <paramref name="pagedChunkCount"/> (stored in pages).</summary>
    public void CopyTo(ChatStreamState state, int pagedChunkCount)
    {
        state.PagedChunkCount = pagedChunkCount;
        state.Chunks = Chunks.GetRange(pagedChunkCount, Chunks.Count - pagedChunkCount);
        state.Text = _text.ToString();
        state.Reasoning = _reasoning.ToString();
        state.OpenPart = _openPart;
        state.Usage = Usage;
    }

    private void Open(string part)
    {
        if (_openPart == part)
        {
            return;
        }

        CloseOpenPart();
        _openPart = part;
        Chunks.Add(ChatChunks.PartStart(part, PartId(part)));
    }

    private void CloseOpenPart()
    {
        if (_openPart is { } open)
        {
            Chunks.Add(ChatChunks.PartEnd(open, PartId(open)));
            _openPart = null;
        }
    }

    private static void WritePart(Utf8JsonWriter writer, string type, StringBuilder text)
    {
        if (text.Length > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("text", text.ToString());
            writer.WriteEndObject();
        }
    }

    private string PartId(string part) => $"{part}-{MessageId}";
}
