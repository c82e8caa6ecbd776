using System.Text;
using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats;

/// <summary>A chat's messages as the model reads them: their text, the latest ones within a budget.</summary>
internal static class ChatConversation
{
    /// <summary>The most messages sent to the model.</summary>
    public const int MaxMessages = 40;

    /// <summary>The most characters sent to the model; older messages are left out first.</summary>
    public const int MaxCharacters = 60_000;

    public static IReadOnlyList<ChatPromptMessage> Of(IReadOnlyList<ChatMessageInfo> messages)
    {
        var picked = new List<ChatPromptMessage>();
        var characters = 0;
        for (var index = messages.Count - 1; index >= 0 && picked.Count < MaxMessages; index--)
        {
            var text = TextOf(messages[index].Parts);
            if (text.Length == 0)
            {
                continue;
            }

            characters += text.Length;
            if (characters > MaxCharacters && picked.Count > 0)
            {
                break;
            }

            picked.Add(new ChatPromptMessage(messages[index].Role, text));
        }

        picked.Reverse();
        return picked;
    }

    /// <summary>The text parts of a message joined by blank lines; file parts are named.</summary>
    public static string TextOf(JsonElement parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type))
            {
                continue;
            }

            var piece = type.GetString() switch
            {
                "text" when part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String => value.GetString(),
                "file" when part.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => $"[attached file: {name.GetString()}]",
                _ => null,
            };
            if (!string.IsNullOrEmpty(piece))
            {
                text.Append(text.Length > 0 ? "\n\n" : string.Empty).Append(piece);
            }
        }

        return text.ToString();
    }
}
