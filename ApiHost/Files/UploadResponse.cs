using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Files;

/// <summary>The answer of <c>POST /api/files/upload</c>.</summary>
public sealed record UploadResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("pathname")] string Pathname,
    [property: JsonPropertyName("contentType")] string ContentType);
