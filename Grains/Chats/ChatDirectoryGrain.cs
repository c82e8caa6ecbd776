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

        if (services.GetKeyedService<IGrainStorage>(GrainStorageNames.Default) is not IGrainStateQuery query)
        {
            throw new NotSupportedException("The silo's grain storage cannot be searched; use the PostgreSQL or SQLite provider.");
        }

        var prefix = ChatHistoryKeys.PrefixOf(ownerId);
        var list = new StateListQuery(ChatGrain.TypeName, ChatGrain.StateName, ChatHistoryKeys.Property, prefix, null, limit + 1);
        if ((startingAfter ?? endingBefore) is { } cursorId)
        {
            var cursor = await GrainFactory.GetGrain<IChatGrain>(cursorId).GetInfoAsync(cancellationToken);
            if (cursor is null || cursor.OwnerId != ownerId)
            {
                return null;
            }

            var key = ChatHistoryKeys.For(ownerId, cursor.CreatedAt);

            // Keys count down with time: newer chats sort before the cursor, older ones after it.
            list = startingAfter is not null ? list with { Before = key } : list with { After = new StateListPosition(key, cursorId) };
        }

        var found = await query.ListAsync(list, cancellationToken);
        var chats = found.Take(limit)
            .Select(row => (row.GrainKey, State: JsonSerializer.Deserialize<ChatState>(row.Json, JsonSerializerOptions.Web)))
            .Where(row => row.State is { Exists: true })
            .Select(row => row.State!.ToInfo(row.GrainKey))
            .ToList();
        return new ChatHistoryPage(chats, found.Count > limit);
    }
}
