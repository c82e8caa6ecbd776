using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The body of <c>PATCH /api/vote</c>.</summary>
public sealed record VoteRequest(
    [property: JsonPropertyName("chatId")] string? ChatId,
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("feedback")] string? Feedback);
