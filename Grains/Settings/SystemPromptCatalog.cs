using Cluster.Grains.Chats.Models;

namespace Cluster.Grains.Settings;

/// <summary>The system prompts administrators may edit, with their built-in texts.</summary>
public static class SystemPromptCatalog
{
    /// <summary>The system message before every conversation.</summary>
    public const string Chat = "chat";

    /// <summary>The instructions for titling new chats.</summary>
    public const string Title = "title";

    /// <summary>Every prompt: id, display name, where it is used, built-in text.</summary>
    public static IReadOnlyList<(string Id, string Name, string Description, string Default)> All { get; } =
    [
        (Chat, "Chat system prompt", "Sent as the system message before every conversation; empty sends none.", string.Empty),
        (Title, "Title instructions", "Given to the title model with a new chat's first message.", ChatTitles.Instructions),
    ];
}
