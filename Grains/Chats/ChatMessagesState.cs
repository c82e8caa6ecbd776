using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats;

/// <summary>A chat's messages, oldest first, and the votes on them.</summary>
public sealed class ChatMessagesState
{
    public List<ChatMessageInfo> Messages { get; set; } = [];

    /// <summary>Votes by message id.</summary>
    public Dictionary<string, ChatVoteInfo> Votes { get; set; } = new(StringComparer.Ordinal);

    public ChatMessagesState Clone() => new() { Messages = [.. Messages], Votes = new Dictionary<string, ChatVoteInfo>(Votes, StringComparer.Ordinal) };
}
