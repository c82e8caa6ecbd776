namespace Cluster.Runtime.Reminders;

/// <summary>The schedule of the reminder tick being delivered, as in Orleans.</summary>
/// <param name="FirstTickTime">When the reminder was first due (UTC): its registration time plus its due time.</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="CurrentTickTime">When this tick was due (UTC); delivery may be later.</param>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);
