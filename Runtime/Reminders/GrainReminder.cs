namespace Cluster.Runtime.Reminders;

/// <summary>A grain's registered reminder and its schedule.</summary>
/// <param name="ReminderName">The name, unique per grain.</param>
/// <param name="FirstTickTime">When it is first due (UTC).</param>
/// <param name="Period">The time between ticks.</param>
internal sealed record GrainReminder(string ReminderName, DateTime FirstTickTime, TimeSpan Period) : IGrainReminder;
