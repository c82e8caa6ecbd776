namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A stream's chunks from some index on, and whether more will follow.</summary>
/// <param name="FirstIndex">The index of the first chunk given (chunks count from 0, the stream's <c>start</c>).</param>
/// <param name="Chunks">The chunks, each the compact JSON of one AI SDK UI message stream chunk, in order.</param>
/// <param name="Status">The stream's status; once it is not running, no chunk follows the last one given.</param>
/// <param name="FinishedAt">When the stream ended, or null while it runs.</param>
public sealed record ChatStreamSnapshot(int FirstIndex, IReadOnlyList<string> Chunks, ChatStreamStatus Status, DateTimeOffset? FinishedAt)
{
    /// <summary>Whether the stream has ended.</summary>
    public bool IsFinished => Status is not (ChatStreamStatus.Pending or ChatStreamStatus.Running);
}
