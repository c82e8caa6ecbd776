namespace Cluster.Grains.Interfaces.Chats;

/// <summary>What became of a <see cref="ChatTurn"/>.</summary>
/// <param name="Outcome">Whether an answer started, and if not, why.</param>
/// <param name="StreamId">The stream generating the answer, when it started.</param>
/// <param name="AssistantMessageId">The id the answer will be stored under (sent in the stream's <c>start</c> chunk).</param>
public sealed record ChatTurnResult(ChatTurnOutcome Outcome, string? StreamId, string? AssistantMessageId);
