using Cluster.Runtime.Observers;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>Receives a stream's chunks as they are generated (an API host relaying them to a browser).</summary>
public interface IChatStreamObserver : IGrainObserver
{
    /// <summary>
    /// Chunks from <paramref name="firstIndex"/> on, in order; <paramref name="finished"/> when the last of the stream is
    /// among them. One-way: a gap in the indices means a notification was lost, and the observer reads the missing
    /// chunks with <see cref="IChatStreamGrain.GetChunksAsync"/>.
    /// </summary>
    void OnChunks(string streamId, int firstIndex, IReadOnlyList<string> chunks, bool finished);
}
