namespace Cluster.Grains.Chats;

/// <summary>The persisted state of one page of a stream's chunks.</summary>
public sealed class ChatStreamPageState
{
    /// <summary>The page's chunks, in stream order; empty until stored.</summary>
    public List<string> Chunks { get; set; } = [];
}
