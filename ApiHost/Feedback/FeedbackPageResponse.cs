using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Feedback;

/// <summary>A page of <c>GET /api/feedback/review</c>.</summary>
public sealed record FeedbackPageResponse(
    [property: JsonPropertyName("items")] IReadOnlyList<FeedbackItemResponse> Items,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("offset")] int Offset);
