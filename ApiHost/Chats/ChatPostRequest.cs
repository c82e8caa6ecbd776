using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Chats;

/// <summary>The body of <c>POST /api/chat</c>, as the AI SDK's transport sends it; unknown fields are ignored.</summary>
public sealed record ChatPostRequest(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("message")] ChatPostMessage? Message,
    [property: JsonPropertyName("selectedChatModel")] string? SelectedChatModel,
    [property: JsonPropertyName("selectedVisibilityType")] string? SelectedVisibilityType);
