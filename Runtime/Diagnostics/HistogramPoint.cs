namespace Cluster.Runtime.Diagnostics;

/// <summary>One series of a histogram as collected: totals since the process started, for rates over two collections.</summary>
/// <param name="Tags">The series' tags, by name.</param>
/// <param name="Count">Measurements recorded.</param>
/// <param name="Sum">Their sum, in the instrument's unit.</param>
/// <param name="Bounds">The upper bounds of the buckets, ascending; a last bucket above them has no bound.</param>
/// <param name="Buckets">Measurements per bucket (not cumulative), one more than <paramref name="Bounds"/>.</param>
public sealed record HistogramPoint(
    IReadOnlyDictionary<string, string> Tags, long Count, double Sum, IReadOnlyList<double> Bounds, IReadOnlyList<long> Buckets);
