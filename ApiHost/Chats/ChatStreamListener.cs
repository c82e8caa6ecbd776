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

    /// <summary>
    /// The next batch, joined with the batches queued right after it that continue it (so a client that fell behind
    /// gets them in one write and flush), or null when none arrived within <paramref name="patience"/>.
    /// </summary>
    public async Task<ChunkBatch?> ReadAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_batches.Reader.TryRead(out var ready))
        {
            return JoinQueued(ready);
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(patience);
        try
        {
            return JoinQueued(await _batches.Reader.ReadAsync(wait.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private ChunkBatch JoinQueued(ChunkBatch first)
    {
        List<string>? joined = null;
        var batch = first;
        while (!batch.Finished && _batches.Reader.TryPeek(out var next) && next.FirstIndex == batch.FirstIndex + batch.Chunks.Count)
        {
            _batches.Reader.TryRead(out _);
            (joined ??= [.. first.Chunks]).AddRange(next.Chunks);
            batch = next with { FirstIndex = first.FirstIndex, Chunks = joined };
        }

        return batch;
    }

    /// <summary>Chunks pushed together.</summary>
    internal sealed record ChunkBatch(int FirstIndex, IReadOnlyList<string> Chunks, bool Finished);
}
