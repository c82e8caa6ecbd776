using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>
/// One chat, keyed by its id: owner, title, visibility, messages, votes and its latest stream. Answers are generated
/// by an <see cref="IChatStreamGrain"/> per answer, which records the answer here when it ends; the chat never waits
/// on a stream grain but to start it, so the two cannot wait on each other.
/// </summary>
public interface IChatGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a user's message: a new chat is created for the user (with the turn's visibility), the message stored (a
    /// message id already in the chat is stored again under its place, as clients retry), and an answer's stream started.
    /// </summary>
    /// <exception cref="ArgumentException">The turn's fields are empty or the parts are not a JSON array.</exception>
    Task<ChatTurnResult> SendAsync(ChatTurn turn, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the chat, empty, for <paramref name="ownerId"/> with <paramref name="title"/> (cut to
    /// <see cref="ChatLimits.MaxTitleLength"/>; null or blank for the default, which the first message then replaces).
    /// Creating it again for the same owner changes nothing and returns it, so a retried create is harmless.
    /// </summary>
    /// <returns>The chat, or null when it belongs to another user.</returns>
    Task<ChatInfo?> CreateAsync(string ownerId, string? title, ChatVisibility visibility, CancellationToken cancellationToken = default);

    /// <summary>The chat with its messages, or null when it does not exist (or was deleted).</summary>
    [ReadOnly]
    Task<ChatView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The chat without its messages, or null when it does not exist.</summary>
    [ReadOnly]
    Task<ChatInfo?> GetInfoAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the chat with its messages and votes; returns it as it was, or null when it did not exist.</summary>
    Task<ChatInfo?> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes who may read the chat; null when it does not exist.</summary>
    Task<ChatInfo?> SetVisibilityAsync(ChatVisibility visibility, CancellationToken cancellationToken = default);

    /// <summary>Sets the title (trimmed and cut to <see cref="ChatLimits.MaxTitleLength"/>), unless it is empty.</summary>
    Task SetTitleAsync(string title, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the message <paramref name="messageId"/> and every later one, with their votes; returns how many were
    /// deleted, or null when the chat has no such message.
    /// </summary>
    Task<int?> DeleteMessagesFromAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the answer of stream <paramref name="streamId"/> (called by the stream grain when it ends, again if the
    /// first call's outcome is unknown: recording the same answer twice changes nothing).
    /// </summary>
    Task RecordAnswerAsync(string streamId, ChatMessageInfo answer, ChatUsage? usage, CancellationToken cancellationToken = default);

    /// <summary>The votes on the chat's messages.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ChatVoteInfo>> GetVotesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an up or down vote and/or feedback on message <paramref name="messageId"/> (one per message, replaced by
    /// later ones); false when the chat has no such message.
    /// </summary>
    Task<bool> VoteAsync(string messageId, bool? isUpvoted, string? feedback, CancellationToken cancellationToken = default);
}
