using System.Text.Json.Serialization;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>A chat as the contract shows it (history items, the chat of <c>GET /api/chat/{id}</c>, a deleted chat).</summary>
public sealed record ChatResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("visibility")] string Visibility,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("lastContext")] UsageResponse? LastContext)
{
    public static ChatResponse From(ChatInfo chat) => new(
        chat.Id, chat.Title, ChatTimestamps.Of(chat.CreatedAt), VisibilityName(chat.Visibility), chat.OwnerId, UsageResponse.From(chat.LastContext));

    public static string VisibilityName(ChatVisibility visibility) => visibility == ChatVisibility.Public ? "public" : "private";
}
