using System.Threading.Channels;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>The observer one SSE response subscribes with: it queues the chunks a stream grain pushes, in order.</summary>
internal sealed class ChatStreamListener : IChatStreamObserver
{
    // Unbounded, yet bounded in practice: a stream pushes no more than one answer, whatever the client reads.
    private readonly Channel<ChunkBatch> _batches = Channel.CreateUnbounded<ChunkBatch>(new UnboundedChannelOptions { SingleReader = true });

    public void OnChunks(string streamId, int firstIndex, IReadOnlyList<string> chunks, bool finished) =>
        _batches.Writer.TryWrite(new ChunkBatch(firstIndex, chunks, finished));

    /// <summary>The next batch, or null when none arrived within <paramref name="patience"/>.</summary>
    public async Task<ChunkBatch?> ReadAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_batches.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(patience);
        try
        {
            return await _batches.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Chunks pushed together.</summary>
    internal sealed record ChunkBatch(int FirstIndex, IReadOnlyList<string> Chunks, bool Finished);
}
