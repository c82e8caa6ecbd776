using Cluster.Grains.Interfaces.Feedback;

namespace Cluster.Grains.Feedback;

/// <summary>The feedback given, oldest first.</summary>
public sealed class FeedbackLogState
{
    public List<FeedbackInfo> Entries { get; set; } = [];
}
