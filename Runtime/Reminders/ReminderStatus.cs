namespace Cluster.Runtime.Reminders;

/// <summary>One reminder as its partition serves it.</summary>
/// <param name="GrainId">The reminded grain, as <c>type/key</c>.</param>
/// <param name="ReminderName">The reminder's name.</param>
/// <param name="FirstTickTime">When it was first due (UTC).</param>
/// <param name="Period">The time between ticks.</param>
/// <param name="NextTickTime">When it is next due (UTC).</param>
/// <param name="LastTickTime">When the last delivered tick was due (UTC), or null when none was delivered by this activation.</param>
/// <param name="Ticks">Ticks delivered successfully by this activation of the partition.</param>
/// <param name="Failures">Ticks whose delivery failed (the grain threw, or could not be reached).</param>
/// <param name="LastError">The last failure's exception type and message, or null.</param>
/// <param name="Silo">The silo serving the partition.</param>
public sealed record ReminderStatus(
    string GrainId,
    string ReminderName,
    DateTime FirstTickTime,
    TimeSpan Period,
    DateTime NextTickTime,
    DateTime? LastTickTime,
    long Ticks,
    long Failures,
    string? LastError,
    string Silo);
