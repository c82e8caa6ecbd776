namespace Cluster.Grains.Interfaces.Feedback;

/// <summary>Bounds of application feedback.</summary>
public static class FeedbackLimits
{
    /// <summary>The longest text, in characters.</summary>
    public const int MaxTextLength = 5000;

    /// <summary>The most entries kept; older ones are dropped first.</summary>
    public const int MaxEntries = 10_000;
}
