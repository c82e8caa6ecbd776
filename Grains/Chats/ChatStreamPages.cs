using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Chats;

/// <summary>
/// The full pages of a stream's chunks, kept in <see cref="IChatStreamPageGrain"/>s so that the stream's own state
/// holds at most a page's worth: each persist then writes what is new, not the whole answer again.
/// </summary>
internal static class ChatStreamPages
{
    /// <summary>Every chunk of a persisted stream: its pages, read together, then the state's own.</summary>
    public static async Task<List<string>> LoadAsync(IGrainFactory grains, string streamId, ChatStreamState state, CancellationToken cancellationToken)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, state.PagedChunkCount / ChatLimits.StreamPageSize)
            .Select(index => grains.GetGrain<IChatStreamPageGrain>(ChatStreamPageGrain.KeyOf(streamId, index)).GetAsync(cancellationToken)));
        if (pages.Any(page => page.Count != ChatLimits.StreamPageSize))
        {
            throw new InvalidOperationException($"A page of stream '{streamId}' is missing from storage; its chunks cannot be replayed.");
        }

        return [.. pages.SelectMany(page => page), .. state.Chunks];
    }

    /// <summary>
    /// Stores the pages of <paramref name="chunks"/> completed since <paramref name="pagedCount"/>; returns the new
    /// count of paged chunks. A page is written before any state counts it, so a failure here loses nothing: the
    /// chunks stay in the state until a later call stores them.
    /// </summary>
    public static async Task<int> StoreAsync(IGrainFactory grains, string streamId, IReadOnlyList<string> chunks, int pagedCount)
    {
        var size = ChatLimits.StreamPageSize;
        while (chunks.Count - pagedCount >= size)
        {
            var page = chunks.Skip(pagedCount).Take(size).ToList();
            await grains.GetGrain<IChatStreamPageGrain>(ChatStreamPageGrain.KeyOf(streamId, pagedCount / size)).SaveAsync(page);
            pagedCount += size;
        }

        return pagedCount;
    }
}
