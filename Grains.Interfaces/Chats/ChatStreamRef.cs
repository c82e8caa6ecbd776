namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A chat's latest stream as the chat knows it.</summary>
/// <param name="StreamId">The stream's id (the key of its <see cref="IChatStreamGrain"/>).</param>
/// <param name="AssistantMessageId">The id its answer is stored under.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="IsRecorded">
/// Whether its answer is stored in the chat already; until then the stream may still be running (or have died with
/// its silo, which the stream grain tells when asked).
/// </param>
public sealed record ChatStreamRef(string StreamId, string AssistantMessageId, DateTimeOffset StartedAt, bool IsRecorded);
