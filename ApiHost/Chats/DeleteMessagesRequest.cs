using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The body of <c>DELETE /api/chat/messages</c>: a message, deleted with every later one.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="IncludeTrailing">Sent as true by the frontend; later messages always go too.</param>
/// <param name="ChatId">The chat, when the client knows it; otherwise the caller's chat holding the message is found.</param>
public sealed record DeleteMessagesRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("includeTrailing")] bool? IncludeTrailing,
    [property: JsonPropertyName("chatId")] string? ChatId);
