namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A vote on one message of a chat.</summary>
/// <param name="MessageId">The message voted on.</param>
/// <param name="IsUpvoted">Up or down; null when only feedback was given.</param>
/// <param name="Feedback">Free text, at most <see cref="MaxFeedbackLength"/> characters; null when none.</param>
/// <param name="CreatedAt">When the first vote or feedback on the message was given.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ChatVoteInfo(string MessageId, bool? IsUpvoted, string? Feedback, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The longest feedback, in characters.</summary>
    public const int MaxFeedbackLength = 5000;
}
