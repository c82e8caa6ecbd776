using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats;

/// <summary>A chat's own data, without its messages: small, so the history listing reads it straight from storage.</summary>
public sealed class ChatState
{
    public bool Exists { get; set; }

    public string? OwnerId { get; set; }

    public string Title { get; set; } = ChatLimits.DefaultTitle;

    public ChatVisibility Visibility { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// <c>ownerId|&lt;ticks counted down&gt;</c>: ordering by it lists an owner's chats newest first, and its prefix
    /// selects the owner (the history's storage index). See <see cref="ChatHistoryKeys"/>.
    /// </summary>
    public string? HistoryKey { get; set; }

    public ChatUsage? LastContext { get; set; }

    public ChatStreamRef? LatestStream { get; set; }

    public ChatInfo ToInfo(string id) => new(id, OwnerId!, Title, Visibility, CreatedAt, LastContext);

    public ChatState Clone() => (ChatState)MemberwiseClone();
}
