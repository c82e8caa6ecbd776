using Cluster.Runtime.Core;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Implemented by a grain class that registers reminders (<see cref="GrainReminderExtensions"/>). The method keeps
/// Orleans's name and signature, so grains move between the two runtimes unchanged.
/// </summary>
public interface IRemindable : IGrain
{
    /// <summary>
    /// A reminder of this grain is due. Ticks may come late (while the silo that delivers them is replaced) or twice
    /// (when a delivery's outcome was lost): make the handler idempotent. A failure is logged and counted; the
    /// reminder stays registered and ticks again at its next period.
    /// </summary>
    /// <param name="reminderName">The name the reminder was registered with.</param>
    /// <param name="status">When the reminder first ticked, its period, and the tick this call is for.</param>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
