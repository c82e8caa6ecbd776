namespace Cluster.Grains.Chats;

/// <summary>The sort keys of chat history: an owner's chats newest first, as one ascending string index range.</summary>
public static class ChatHistoryKeys
{
    /// <summary>The stored property the history index is over.</summary>
    public const string Property = "historyKey";

    /// <summary>The key of a chat of <paramref name="ownerId"/> created at <paramref name="createdAt"/>.</summary>
    public static string For(string ownerId, DateTimeOffset createdAt) =>
        $"{PrefixOf(ownerId)}{DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks:D19}";

    /// <summary>The prefix every key of <paramref name="ownerId"/>'s chats starts with (lower-cased, as the index stores it).</summary>
    public static string PrefixOf(string ownerId) => $"{ownerId.ToLowerInvariant()}|";
}
