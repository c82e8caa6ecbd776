using Cluster.Runtime.Core;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// The runtime's grain that delivers the ticks of one reminder partition (key: the partition's two-digit name).
/// Grains do not call it: they use <see cref="GrainReminderExtensions"/>; operators' tools list it.
/// </summary>
public interface IReminderPartitionGrain : IGrainWithStringKey
{
    /// <summary>Activates the partition when it is not served, and rereads its reminders when they are older than the refresh period.</summary>
    Task EnsureServedAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules, reschedules or (with a null <paramref name="schedule"/>) stops one reminder, as stored a moment ago.</summary>
    /// <param name="grainId">The reminded grain, as <c>type/key</c>.</param>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="schedule">Its schedule, or null when it was unregistered.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    Task ScheduleAsync(string grainId, string reminderName, ReminderSchedule? schedule, CancellationToken cancellationToken = default);

    /// <summary>The partition's reminders with their delivery figures since this activation started.</summary>
    [Concurrency.ReadOnly]
    Task<IReadOnlyList<ReminderStatus>> ListAsync(CancellationToken cancellationToken = default);
}
