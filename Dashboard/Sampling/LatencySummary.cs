namespace Cluster.Dashboard.Sampling;

/// <summary>A rate and latency figures over one sample period.</summary>
/// <param name="PerSecond">Operations per second.</param>
/// <param name="ErrorsPerSecond">Failed operations per second (storage conflicts are counted apart).</param>
/// <param name="P50Milliseconds">Median latency, in milliseconds; null without operations.</param>
/// <param name="P99Milliseconds">99th-percentile latency, in milliseconds; null without operations.</param>
public sealed record LatencySummary(double PerSecond, double ErrorsPerSecond, double? P50Milliseconds, double? P99Milliseconds);
