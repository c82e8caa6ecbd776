namespace Cluster.Dashboard.Endpoints;

/// <summary>One event of the log stream: the lines logged since the last one that pass the stream's filter.</summary>
/// <param name="Lines">The lines, in time order.</param>
/// <param name="Missed">Lines the sources logged but no longer kept when asked (they log faster than the stream reads).</param>
/// <param name="Unanswered">The silos that did not answer this time; their lines come with a later event.</param>
public sealed record LogBatch(IReadOnlyList<LogLine> Lines, long Missed, IReadOnlyList<string> Unanswered);
