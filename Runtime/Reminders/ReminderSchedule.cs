namespace Cluster.Runtime.Reminders;

/// <summary>When a reminder ticks: first at <paramref name="FirstTickTime"/>, then every <paramref name="Period"/>.</summary>
/// <param name="FirstTickTime">The first due time (UTC).</param>
/// <param name="Period">The time between ticks.</param>
public sealed record ReminderSchedule(DateTime FirstTickTime, TimeSpan Period)
{
    /// <summary>The first due time strictly after <paramref name="after"/> (UTC), or the first tick when that is later.</summary>
    public DateTime NextAfter(DateTime after)
    {
        if (after < FirstTickTime)
        {
            return FirstTickTime;
        }

        var periods = ((after - FirstTickTime).Ticks / Period.Ticks) + 1;
        return FirstTickTime + TimeSpan.FromTicks(periods * Period.Ticks);
    }
}
