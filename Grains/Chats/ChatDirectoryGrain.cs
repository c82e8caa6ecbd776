using System.Text.Json;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Grains.Chats;

[GrainType("chat-directory")]
[StatelessWorker]
public sealed class ChatDirectoryGrain(IServiceProvider services) : Grain, IChatDirectoryGrain
{
    public async Task<ChatHistoryPage?> ListAsync(string ownerId, int limit, string? startingAfter, string? endingBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (limit is < 1 or > IChatDirectoryGrain.MaxPageSize)
        {
            throw new ArgumentException($"The limit is {limit}; ask for 1 to {IChatDirectoryGrain.MaxPageSize} chats.", nameof(limit));
        }

        if (startingAfter is not null && endingBefore is not null)
        {
            throw new ArgumentException("Only one of starting_after or ending_before can be provided.", nameof(startingAfter));
        }

        var query = Query();
        var list = new StateListQuery(ChatGrain.TypeName, ChatGrain.StateName, ChatHistoryKeys.Property, ChatHistoryKeys.PrefixOf(ownerId), null, limit + 1);
        if ((startingAfter ?? endingBefore) is { } cursorId)
        {
            if (await KeyOfAsync(ownerId, cursorId, cancellationToken) is not { } key)
            {
                return null;
            }

            // Keys count down with time: newer chats sort before the cursor, older ones after it.
            list = startingAfter is not null ? list with { Before = key } : list with { After = new StateListPosition(key, cursorId) };
        }

        var found = await query.ListAsync(list, cancellationToken);
        return new ChatHistoryPage(ChatsOf(found, limit), found.Count > limit);
    }

    public async Task<ChatListPage?> ListPageAsync(string ownerId, int offset, int limit, string? afterChatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (limit is < 1 or > IChatDirectoryGrain.MaxListPageSize)
        {
            throw new ArgumentException($"The limit is {limit}; ask for 1 to {IChatDirectoryGrain.MaxListPageSize} chats.", nameof(limit));
        }

        var query = Query();
        var list = new StateListQuery(ChatGrain.TypeName, ChatGrain.StateName, ChatHistoryKeys.Property, ChatHistoryKeys.PrefixOf(ownerId), null, limit + 1)
        {
            Offset = offset,
        };
        if (afterChatId is not null)
        {
            if (await KeyOfAsync(ownerId, afterChatId, cancellationToken) is not { } key)
            {
                return null;
            }

            list = list with { After = new StateListPosition(key, afterChatId), Offset = 0 };
        }

        var found = await query.ListAsync(list, cancellationToken);
        var total = await query.CountAsync(list, cancellationToken);
        return new ChatListPage(ChatsOf(found, limit), total, found.Count > limit);
    }

    private IGrainStateQuery Query() =>
        services.GetKeyedService<IGrainStorage>(GrainStorageNames.Default) as IGrainStateQuery
        ?? throw new NotSupportedException("The silo's grain storage cannot be searched; use the PostgreSQL or SQLite provider.");

    // The history key of the owner's chat, or null when the chat is not theirs.
    private async Task<string?> KeyOfAsync(string ownerId, string chatId, CancellationToken cancellationToken)
    {
        var cursor = await GrainFactory.GetGrain<IChatGrain>(chatId).GetInfoAsync(cancellationToken);
        return cursor is null || cursor.OwnerId != ownerId ? null : ChatHistoryKeys.For(ownerId, cursor.CreatedAt);
    }

    private static List<ChatInfo> ChatsOf(IReadOnlyList<StoredGrainState> found, int limit) => found.Take(limit)
        .Select(row => (row.GrainKey, State: JsonSerializer.Deserialize<ChatState>(row.Json, JsonSerializerOptions.Web)))
        .Where(row => row.State is { Exists: true })
        .Select(row => row.State!.ToInfo(row.GrainKey))
        .ToList();
}
