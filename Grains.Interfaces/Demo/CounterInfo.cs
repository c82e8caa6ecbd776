namespace Cluster.Grains.Interfaces.Demo;

/// <summary>A counter's value as returned to callers.</summary>
/// <param name="Name">The counter's name (its grain key).</param>
/// <param name="Value">The current value.</param>
/// <param name="Version">How many increments were persisted; grows by one with each.</param>
/// <param name="UpdatedAt">When the value last changed; null before the first increment.</param>
/// <param name="Schedule">The scheduled increment, or null when none is.</param>
public sealed record CounterInfo(string Name, long Value, long Version, DateTimeOffset? UpdatedAt, CounterSchedule? Schedule = null);
