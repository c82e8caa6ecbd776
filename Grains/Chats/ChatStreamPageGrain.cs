using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Chats;

[GrainType("chat-stream-page")]
[CollectionAgeLimit(Minutes = 1)]
public sealed class ChatStreamPageGrain(
    [PersistentState(ChatStreamPageGrain.StateName)] IPersistentState<ChatStreamPageState> page) : Grain, IChatStreamPageGrain
{
    public const string StateName = "chat-stream-page";

    /// <summary>The key of page <paramref name="pageIndex"/> of stream <paramref name="streamId"/>.</summary>
    public static string KeyOf(string streamId, int pageIndex) => $"{streamId}:{pageIndex}";

    public async Task SaveAsync(IReadOnlyList<string> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        if (chunks.Count != ChatLimits.StreamPageSize)
        {
            throw new ArgumentException($"A page holds {ChatLimits.StreamPageSize} chunks, not {chunks.Count}.", nameof(chunks));
        }

        if (page.State.Chunks.Count == 0)
        {
            page.State = new ChatStreamPageState { Chunks = [.. chunks] };
            await page.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. page.State.Chunks]);
}
