using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats.Models;

/// <summary>Titles for new chats: asked of the title model, cleaned to the contract's rules, "New Chat" when nothing usable comes back.</summary>
public static class ChatTitles
{
    /// <summary>What the title model is told unless administrators changed it (system prompt <c>title</c>).</summary>
    public const string Instructions =
        "Write a short title for a chat that starts with the user's message below. At most 80 characters, no quotes, no colons, no trailing period. Answer with the title only.";

    /// <summary>
    /// A title for a chat that starts with <paramref name="firstMessage"/>, asked of <paramref name="modelId"/> (the
    /// configured title model when null or no longer configured) with <paramref name="instructions"/>.
    /// </summary>
    public static async Task<string> GenerateAsync(ChatModelRouter models, string? modelId, string instructions, string firstMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var (model, provider) = (modelId is null ? null : models.Find(modelId)) ?? models.TitleModel;
        var prompt = firstMessage.Length > 2000 ? firstMessage[..2000] : firstMessage;
        return Clean(await provider.CompleteAsync(model, instructions, prompt, cancellationToken));
    }

    /// <summary>
    /// <paramref name="raw"/> as a title: one line, without quotes and colons, at most
    /// <see cref="ChatLimits.MaxTitleLength"/> characters (cut at a word where it can be), or the default title.
    /// </summary>
    public static string Clean(string? raw)
    {
        var line = (raw ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        var cleaned = new string(line.Where(character => character is not ('"' or '\'' or ':' or '\u201c' or '\u201d' or '`') && !char.IsControl(character)).ToArray())
            .Trim().TrimEnd('.').Trim();
        if (cleaned.Length > ChatLimits.MaxTitleLength)
        {
            var cut = cleaned.LastIndexOf(' ', ChatLimits.MaxTitleLength);
            cleaned = (cut > ChatLimits.MaxTitleLength / 2 ? cleaned[..cut] : cleaned[..ChatLimits.MaxTitleLength]).TrimEnd();
        }

        return cleaned.Length == 0 ? ChatLimits.DefaultTitle : cleaned;
    }
}
