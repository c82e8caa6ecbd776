namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A chat with its messages, oldest first, and its latest stream.</summary>
/// <param name="Chat">The chat.</param>
/// <param name="Messages">Its stored messages, oldest first; an answer being generated is not among them yet.</param>
/// <param name="LatestStream">The latest answer's stream, or null before the first message.</param>
public sealed record ChatView(ChatInfo Chat, IReadOnlyList<ChatMessageInfo> Messages, ChatStreamRef? LatestStream);
