namespace Cluster.Runtime.Reminders;

/// <summary>The cluster's reminders as their partitions serve them, for operators.</summary>
/// <param name="Reminders">The matching reminders, soonest due first, at most the limit asked for.</param>
/// <param name="Matching">How many reminders matched, shown or not.</param>
/// <param name="Partitions">How many partitions hold reminders.</param>
/// <param name="Unanswered">How many of them did not answer (their silo is leaving, say); their reminders are missing.</param>
public sealed record ReminderOverview(IReadOnlyList<ReminderStatus> Reminders, int Matching, int Partitions, int Unanswered);
