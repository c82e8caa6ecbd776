using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>
/// Which chats hold a message id, keyed by the id, so a route given only a message (the frontend's
/// <c>DELETE /api/chat/messages</c>) finds its chat. Message ids are chosen by clients and may repeat across chats and
/// users: each user's latest chat with the id wins.
/// </summary>
public interface IChatMessageLocatorGrain : IGrainWithStringKey
{
    /// <summary>The most chats remembered for one id; the oldest are forgotten first.</summary>
    const int MaxChats = 16;

    /// <summary>Records that chat <paramref name="chatId"/> of <paramref name="ownerId"/> holds the message.</summary>
    Task AddAsync(string chatId, string ownerId, CancellationToken cancellationToken = default);

    /// <summary>The latest chat of <paramref name="ownerId"/> recorded with the message, or null.</summary>
    [ReadOnly]
    Task<string?> FindAsync(string ownerId, CancellationToken cancellationToken = default);
}
