namespace Cluster.Grains.Demo;

/// <summary>The persisted state of a counter.</summary>
public sealed class CounterState
{
    public long Value { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
