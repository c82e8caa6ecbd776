namespace Cluster.Grains.Interfaces.Chats;

/// <summary>One page of a user's chats, newest first, with the count of all of them.</summary>
/// <param name="Chats">The chats.</param>
/// <param name="Total">How many chats the user has.</param>
/// <param name="HasMore">Whether older chats follow.</param>
public sealed record ChatListPage(IReadOnlyList<ChatInfo> Chats, long Total, bool HasMore);
