using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>A stored message as <c>GET /api/chat/{id}</c> lists it.</summary>
public sealed record MessageResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("parts")] JsonElement Parts,
    [property: JsonPropertyName("attachments")] JsonElement Attachments,
    [property: JsonPropertyName("createdAt")] string CreatedAt)
{
    public static MessageResponse From(ChatMessageInfo message) =>
        new(message.Id, message.Role, message.Parts, message.Attachments, ChatTimestamps.Of(message.CreatedAt));
}
