using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The answer of <c>DELETE /api/history</c>.</summary>
public sealed record DeletedChatsResponse([property: JsonPropertyName("deletedCount")] int DeletedCount);
