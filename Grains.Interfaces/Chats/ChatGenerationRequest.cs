namespace Cluster.Grains.Interfaces.Chats;

/// <summary>What a stream generates: an answer to the chat's conversation so far.</summary>
/// <param name="ChatId">The chat the answer is recorded in.</param>
/// <param name="AssistantMessageId">The id the answer is stored under.</param>
/// <param name="ModelId">The chat model, such as <c>chat-model</c>.</param>
/// <param name="Conversation">The messages so far, oldest first, the user's new one last.</param>
/// <param name="TitleFrom">For a new chat, the text its title is generated from; null otherwise.</param>
public sealed record ChatGenerationRequest(
    string ChatId, string AssistantMessageId, string ModelId, IReadOnlyList<ChatPromptMessage> Conversation, string? TitleFrom);
