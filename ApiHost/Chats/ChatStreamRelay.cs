using System.Text;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Chats;

/// <summary>
/// Writes a stream grain's chunks to an HTTP response as the contract's SSE (§4.1): every chunk from the first, then
/// the live ones as the grain pushes them, then <c>[DONE]</c>. Pushes are one-way, so a gap in their indices, or a
/// silence, makes the relay read what it is missing from the grain; that read also wakes a stream whose silo died,
/// which then ends itself as interrupted. The client going away ends only the relay, never the generation.
/// </summary>
public sealed partial class ChatStreamRelay(IClusterClient cluster, TimeProvider timeProvider, ILogger<ChatStreamRelay> logger)
{
    private static readonly TimeSpan SilenceBeforeRead = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Separator = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>The contract's SSE headers.</summary>
    public static void WriteHeaders(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["x-vercel-ai-ui-message-stream"] = "v1";
        response.Headers["X-Accel-Buffering"] = "no";
        if (context.Request.Protocol is "HTTP/1.1" or "HTTP/1.0")
        {
            response.Headers[HeaderNames.Connection] = "keep-alive";
        }
    }

    /// <summary>Relays stream <paramref name="streamId"/> to the response until it ends or the client leaves.</summary>
    public async Task RelayAsync(HttpContext context, string streamId)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        try
        {
            if (await FollowAsync(streamId, (chunks, start, token) => WriteAsync(response, chunks, start, token), cancellationToken))
            {
                await response.BodyWriter.WriteAsync(Done, cancellationToken);
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        LogClientLeft(logger, streamId);
    }

    /// <summary>
    /// Hands every chunk of stream <paramref name="streamId"/> to <paramref name="write"/> once, in order, from the first
    /// until the stream finishes (true) or <paramref name="cancellationToken"/> ends the following (false).
    /// </summary>
    public async Task<bool> FollowAsync(string streamId, ChatChunkWriter write, CancellationToken cancellationToken)
    {
        var listener = new ChatStreamListener();
        var observer = cluster.CreateObjectReference<IChatStreamObserver>(listener);
        var stream = cluster.GetGrain<IChatStreamGrain>(streamId);
        try
        {
            var snapshot = await stream.SubscribeAsync(observer, 0, cancellationToken);
            var next = await WriteNewAsync(write, snapshot.FirstIndex, snapshot.Chunks, 0, cancellationToken);
            var finished = snapshot.IsFinished;
            var renewAt = timeProvider.GetUtcNow() + Renewal;
            while (!finished)
            {
                var batch = await listener.ReadAsync(SilenceBeforeRead, cancellationToken);
                if (batch is null || batch.FirstIndex > next || timeProvider.GetUtcNow() >= renewAt)
                {
                    snapshot = timeProvider.GetUtcNow() >= renewAt
                        ? await stream.SubscribeAsync(observer, next, cancellationToken)
                        : await stream.GetChunksAsync(next, cancellationToken);
                    renewAt = timeProvider.GetUtcNow() + Renewal;
                    next = await WriteNewAsync(write, snapshot.FirstIndex, snapshot.Chunks, next, cancellationToken);
                    finished = snapshot.IsFinished;
                    continue;
                }

                next = await WriteNewAsync(write, batch.FirstIndex, batch.Chunks, next, cancellationToken);
                finished = batch.Finished;
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            cluster.DeleteObjectReference<IChatStreamObserver>(listener);
            _ = UnsubscribeAsync(stream, observer);
        }
    }

    /// <summary>Writes one chunk as an SSE event, with no <c>[DONE]</c> after it (the resume of a stream that ended moments ago).</summary>
    public static async Task WriteSingleAsync(HttpResponse response, string chunk, CancellationToken cancellationToken)
    {
        await WriteAsync(response, [chunk], 0, cancellationToken);
    }

    // Hands on the chunks from index `next` on (those before were handed on already); returns the index after the last.
    private static async Task<int> WriteNewAsync(ChatChunkWriter write, int firstIndex, IReadOnlyList<string> chunks, int next, CancellationToken cancellationToken)
    {
        var skip = Math.Max(0, next - firstIndex);
        if (skip < chunks.Count)
        {
            await write(chunks, skip, cancellationToken);
        }

        return Math.Max(next, firstIndex + chunks.Count);
    }

    private static async ValueTask WriteAsync(HttpResponse response, IReadOnlyList<string> chunks, int start, CancellationToken cancellationToken)
    {
        var writer = response.BodyWriter;
        for (var index = start; index < chunks.Count; index++)
        {
            var chunk = chunks[index];
            var span = writer.GetSpan(Prefix.Length + Encoding.UTF8.GetMaxByteCount(chunk.Length) + Separator.Length);
            Prefix.CopyTo(span);
            var length = Prefix.Length + Encoding.UTF8.GetBytes(chunk, span[Prefix.Length..]);
            Separator.CopyTo(span[length..]);
            writer.Advance(length + Separator.Length);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private async Task UnsubscribeAsync(IChatStreamGrain stream, IChatStreamObserver observer)
    {
        try
        {
            await stream.UnsubscribeAsync(observer);
        }
        catch (Exception exception)
        {
            // The subscription expires on its own.
            LogUnsubscribeFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The client of stream {StreamId} left; the generation goes on")]
    private static partial void LogClientLeft(ILogger logger, string streamId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from a stream failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception);
}
