using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>How many messages <c>DELETE /api/chat/messages</c> deleted.</summary>
public sealed record DeletedMessagesResponse([property: JsonPropertyName("deletedCount")] int DeletedCount);
