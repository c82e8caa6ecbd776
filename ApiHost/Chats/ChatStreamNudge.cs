using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Chats;

/// <summary>
/// Wakes the stream of a chat whose latest answer is not stored yet, long after it began: if the silo generating it
/// died, the stream's next activation stores what was persisted as interrupted, so the chat does not wait for a
/// client to resume it. Fire and forget: the read is cheap, and its outcome does not change the response.
/// </summary>
public sealed partial class ChatStreamNudge(IClusterClient cluster, TimeProvider timeProvider, ILogger<ChatStreamNudge> logger)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public void IfUnrecorded(ChatView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.LatestStream is { IsRecorded: false } latest && timeProvider.GetUtcNow() - latest.StartedAt > Patience)
        {
            _ = WakeAsync(latest.StreamId);
        }
    }

    private async Task WakeAsync(string streamId)
    {
        try
        {
            await cluster.GetGrain<IChatStreamGrain>(streamId).GetChunksAsync(int.MaxValue);
        }
        catch (Exception exception)
        {
            LogWakeFailed(logger, exception, streamId);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking stream {StreamId} failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string streamId);
}
