using Cluster.Grains.Interfaces.Demo;

namespace Cluster.Grains.Demo;

/// <summary>The persisted state of a counter.</summary>
public sealed class CounterState
{
    public long Value { get; set; }

    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The scheduled increment, or null.</summary>
    public CounterSchedule? Schedule { get; set; }

    /// <summary>When the last reminder tick applied was due (UTC): a tick delivered twice is applied once.</summary>
    public DateTime? LastTickAt { get; set; }

    /// <summary>A copy, to put back when a write fails.</summary>
    public CounterState Copy() => (CounterState)MemberwiseClone();
}
