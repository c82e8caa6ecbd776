using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>
/// Lists a user's chats, newest first, straight from storage over an index (no chat grain is activated for a page),
/// so a page costs the same at 10,000 chats as at 10. Any key; a stateless worker on every silo.
/// </summary>
public interface IChatDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The largest page.</summary>
    const int MaxPageSize = 100;

    /// <summary>The largest page of <see cref="ListPageAsync"/>.</summary>
    const int MaxListPageSize = 1000;

    /// <summary>
    /// The owner's chats, newest first: the newest <paramref name="limit"/>, or those newer than
    /// <paramref name="startingAfter"/> (the newest of them), or those older than <paramref name="endingBefore"/>
    /// (give at most one of the two chat ids). Null when a given chat id is not one of the owner's chats.
    /// </summary>
    /// <exception cref="ArgumentException">Both chat ids are given, or the limit is out of range.</exception>
    /// <exception cref="NotSupportedException">The silo's storage cannot be searched (the memory provider of unit tests).</exception>
    [ReadOnly]
    Task<ChatHistoryPage?> ListAsync(string ownerId, int limit, string? startingAfter, string? endingBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// The owner's chats, newest first, with how many there are: <paramref name="limit"/> of them after skipping
    /// <paramref name="offset"/>, or, given <paramref name="afterChatId"/>, those older than that chat (the offset is
    /// then ignored). Null when <paramref name="afterChatId"/> is not one of the owner's chats.
    /// </summary>
    /// <exception cref="ArgumentException">The limit or the offset is out of range.</exception>
    /// <exception cref="NotSupportedException">The silo's storage cannot be searched (the memory provider of unit tests).</exception>
    [ReadOnly]
    Task<ChatListPage?> ListPageAsync(string ownerId, int offset, int limit, string? afterChatId, CancellationToken cancellationToken = default);
}
