namespace Cluster.Runtime.Diagnostics;

/// <summary>A measurement's tags, as the listener hands them over, for looking up their series.</summary>
internal readonly ref struct MetricTagSpan(ReadOnlySpan<KeyValuePair<string, object?>> tags)
{
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags { get; } = tags;
}
