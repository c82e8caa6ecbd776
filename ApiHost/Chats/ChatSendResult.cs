namespace Cluster.ApiHost.Chats;

/// <summary>What <see cref="ChatSender"/> made of a message: the answer's stream, or why none started.</summary>
/// <param name="StreamId">The stream generating the answer.</param>
/// <param name="AssistantMessageId">The id the answer is stored under.</param>
/// <param name="Failure">Why no answer started.</param>
public sealed record ChatSendResult(string? StreamId, string? AssistantMessageId, ChatSendFailure? Failure);
