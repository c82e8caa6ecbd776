using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The user's new message.</summary>
public sealed record ChatPostMessage(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("parts")] JsonElement Parts);
