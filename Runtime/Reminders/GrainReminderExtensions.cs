using Cluster.Runtime.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Durable reminders of a grain, as Orleans's <c>GrainReminderExtensions</c>: stored in the silo's reminder storage
/// (<see cref="ReminderOptions"/>), they outlive activations and silos and activate the grain when due, through
/// <see cref="IRemindable.ReceiveReminder"/>. Call them from the grain's own turns.
/// </summary>
public static class GrainReminderExtensions
{
    /// <summary>
    /// Registers the reminder <paramref name="reminderName"/>, or replaces its schedule: first due after
    /// <paramref name="dueTime"/>, then every <paramref name="period"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The grain does not implement <see cref="IRemindable"/>, has the most reminders allowed, or the silo has no reminder storage.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The due time is negative or the period is below <see cref="ReminderOptions.MinimumPeriod"/>.</exception>
    public static Task<IGrainReminder> RegisterOrUpdateReminder(this Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Registry(grain).RegisterOrUpdateAsync(grain, reminderName, dueTime, period);

    /// <summary>Unregisters a reminder; one that is not registered is ignored.</summary>
    public static Task UnregisterReminder(this Grain grain, IGrainReminder reminder) =>
        Registry(grain).UnregisterAsync(grain, reminder);

    /// <summary>The registered reminder named <paramref name="reminderName"/>, or null.</summary>
    public static Task<IGrainReminder?> GetReminder(this Grain grain, string reminderName) =>
        Registry(grain).GetAsync(grain, reminderName);

    /// <summary>The grain's registered reminders, by name.</summary>
    public static Task<List<IGrainReminder>> GetReminders(this Grain grain) =>
        Registry(grain).ListAsync(grain);

    private static ReminderRegistry Registry(Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.Activation.Services.GetRequiredService<ReminderRegistry>();
    }
}
