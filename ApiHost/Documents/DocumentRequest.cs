using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Documents;

/// <summary>The body of <c>POST /api/document?id=</c>: a new version.</summary>
public sealed record DocumentRequest(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("content")] string? Content);
