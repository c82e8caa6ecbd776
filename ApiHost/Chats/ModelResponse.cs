using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>A model of <c>GET /api/models</c>.</summary>
public sealed record ModelResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description);
