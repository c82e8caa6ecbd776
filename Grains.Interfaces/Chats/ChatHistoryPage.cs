namespace Cluster.Grains.Interfaces.Chats;

/// <summary>One page of a user's chats, newest first.</summary>
/// <param name="Chats">The chats.</param>
/// <param name="HasMore">Whether more chats follow in the direction asked.</param>
public sealed record ChatHistoryPage(IReadOnlyList<ChatInfo> Chats, bool HasMore);
