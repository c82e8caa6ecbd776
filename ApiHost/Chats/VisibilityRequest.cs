using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The body of <c>PATCH /api/chat/visibility</c>.</summary>
public sealed record VisibilityRequest(
    [property: JsonPropertyName("chatId")] string? ChatId,
    [property: JsonPropertyName("visibility")] string? Visibility);
