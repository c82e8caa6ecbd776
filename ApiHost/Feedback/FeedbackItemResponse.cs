using System.Text.Json.Serialization;
using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Feedback;

namespace Cluster.ApiHost.Feedback;

/// <summary>A feedback entry as reviewers see it.</summary>
public sealed record FeedbackItemResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("rating")] int Rating,
    [property: JsonPropertyName("feedback")] string? Feedback,
    [property: JsonPropertyName("userId")] string? UserId,
    [property: JsonPropertyName("createdAt")] string CreatedAt)
{
    public static FeedbackItemResponse From(FeedbackInfo entry) => new(entry.Id, entry.Rating, entry.Text, entry.UserId, ChatTimestamps.Of(entry.CreatedAt));
}
