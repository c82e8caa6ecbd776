using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Feedback;

/// <summary>The body of <c>POST /api/feedback</c>.</summary>
public sealed record FeedbackRequest(
    [property: JsonPropertyName("rating")] int? Rating,
    [property: JsonPropertyName("feedback")] string? Feedback);
