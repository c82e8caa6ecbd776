using System.Text.Json.Serialization;
using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Documents;

namespace Cluster.ApiHost.Documents;

/// <summary>A suggestion as <c>GET /api/chat/suggestions</c> lists it.</summary>
public sealed record SuggestionResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("documentCreatedAt")] string DocumentCreatedAt,
    [property: JsonPropertyName("originalText")] string OriginalText,
    [property: JsonPropertyName("suggestedText")] string SuggestedText,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("isResolved")] bool IsResolved,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("createdAt")] string CreatedAt)
{
    public static SuggestionResponse From(DocumentSuggestionInfo suggestion) => new(
        suggestion.Id, suggestion.DocumentId, ChatTimestamps.Of(suggestion.DocumentCreatedAt), suggestion.OriginalText, suggestion.SuggestedText,
        suggestion.Description, suggestion.IsResolved, suggestion.OwnerId, ChatTimestamps.Of(suggestion.CreatedAt));
}
