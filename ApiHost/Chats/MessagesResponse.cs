using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The answer of <c>GET /api/chat/{id}/messages/latest</c>.</summary>
public sealed record MessagesResponse([property: JsonPropertyName("messages")] IReadOnlyList<MessageResponse> Messages);
