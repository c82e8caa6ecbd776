namespace Cluster.Grains.Interfaces.Feedback;

/// <summary>A page of feedback, newest first.</summary>
/// <param name="Items">The entries of the page.</param>
/// <param name="Total">How many entries there are.</param>
public sealed record FeedbackPage(IReadOnlyList<FeedbackInfo> Items, int Total);
