namespace Cluster.Runtime.Reminders;

/// <summary>The stored reminders of one grain.</summary>
internal sealed class GrainRemindersState
{
    /// <summary>The partition (<see cref="ReminderPartitions.Of"/>), a listed property.</summary>
    public string Partition { get; set; } = string.Empty;

    /// <summary>The grain the reminders tick for, as <c>type/key</c>.</summary>
    public string GrainId { get; set; } = string.Empty;

    /// <summary>The reminders by name.</summary>
    public Dictionary<string, ReminderSchedule> Reminders { get; set; } = new(StringComparer.Ordinal);
}
