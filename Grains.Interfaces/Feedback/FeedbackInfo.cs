namespace Cluster.Grains.Interfaces.Feedback;

/// <summary>Feedback on the application as a whole.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Rating">1 (bad) to 5 (good).</param>
/// <param name="Text">What the user wrote, at most <see cref="FeedbackLimits.MaxTextLength"/> characters; null for none.</param>
/// <param name="UserId">Who gave it; null when given signed out.</param>
/// <param name="CreatedAt">When it was given.</param>
public sealed record FeedbackInfo(string Id, int Rating, string? Text, string? UserId, DateTimeOffset CreatedAt);
