using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The answer of <c>GET /api/chat/{id}</c>.</summary>
public sealed record ChatWithMessagesResponse(
    [property: JsonPropertyName("chat")] ChatResponse Chat,
    [property: JsonPropertyName("messages")] IReadOnlyList<MessageResponse> Messages,
    [property: JsonPropertyName("isOwner")] bool IsOwner);
