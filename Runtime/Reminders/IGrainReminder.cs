namespace Cluster.Runtime.Reminders;

/// <summary>A reminder registered by a grain, as returned by <see cref="GrainReminderExtensions"/>.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique per grain.</summary>
    string ReminderName { get; }
}
