namespace Cluster.Grains.Interfaces.Demo;

/// <summary>A counter's scheduled increment, kept by a durable reminder.</summary>
/// <param name="Amount">How much each tick adds.</param>
/// <param name="Period">The time between ticks; the first is one period after scheduling.</param>
public sealed record CounterSchedule(int Amount, TimeSpan Period);
