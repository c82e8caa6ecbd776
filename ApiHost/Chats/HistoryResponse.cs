using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>A page of <c>GET /api/history</c>.</summary>
public sealed record HistoryResponse(
    [property: JsonPropertyName("chats")] IReadOnlyList<ChatResponse> Chats,
    [property: JsonPropertyName("hasMore")] bool HasMore);
