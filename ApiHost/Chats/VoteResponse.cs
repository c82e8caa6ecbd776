using System.Text.Json.Serialization;
using Cluster.Grains.Interfaces.Chats;

namespace Cluster.ApiHost.Chats;

/// <summary>A vote as <c>GET /api/vote</c> lists it.</summary>
public sealed record VoteResponse(
    [property: JsonPropertyName("chatId")] string ChatId,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("isUpvoted")] bool? IsUpvoted,
    [property: JsonPropertyName("feedback")] string? Feedback,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt)
{
    public static VoteResponse From(string chatId, ChatVoteInfo vote) =>
        new(chatId, vote.MessageId, vote.IsUpvoted, vote.Feedback, ChatTimestamps.Of(vote.CreatedAt), ChatTimestamps.Of(vote.UpdatedAt));
}
