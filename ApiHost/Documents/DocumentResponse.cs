using System.Text.Json.Serialization;
using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Documents;

namespace Cluster.ApiHost.Documents;

/// <summary>A document version as <c>/api/document</c> answers it.</summary>
public sealed record DocumentResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("userId")] string UserId)
{
    public static DocumentResponse From(DocumentVersionInfo version) => new(
        version.DocumentId, ChatTimestamps.Of(version.CreatedAt), version.Title, version.Content, version.Kind.ToString().ToLowerInvariant(), version.OwnerId);
}
