using Cluster.Grains.Interfaces.Chats;

namespace Cluster.Grains.Chats;

/// <summary>The persisted state of one answer's stream: everything a replay, or the recovery after a silo's death, needs.</summary>
public sealed class ChatStreamState
{
    public string? ChatId { get; set; }

    public string? AssistantMessageId { get; set; }

    public string? ModelId { get; set; }

    public ChatStreamStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// How many chunks, from the first, are stored in pages (<see cref="ChatStreamPageGrain"/>, written before the
    /// state that counts them); a multiple of <see cref="ChatLimits.StreamPageSize"/>.
    /// </summary>
    public int PagedChunkCount { get; set; }

    /// <summary>The chunks after the paged ones, in order, as sent.</summary>
    public List<string> Chunks { get; set; } = [];

    /// <summary>The answer's text so far.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The reasoning so far.</summary>
    public string Reasoning { get; set; } = string.Empty;

    /// <summary>The part whose chunks are open (<c>text</c> or <c>reasoning</c>), so a recovery can close it.</summary>
    public string? OpenPart { get; set; }

    public ChatUsage? Usage { get; set; }

    /// <summary>Whether the chat has stored the finished answer.</summary>
    public bool Recorded { get; set; }
}
