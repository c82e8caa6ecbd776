using Cluster.Runtime.Core;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// What <see cref="GrainReminderExtensions"/> does for a grain: checks the request, stores the change, then tells
/// the reminder's partition. Storage is the truth: when the partition cannot be told, it reads the change at its
/// next refresh.
/// </summary>
internal sealed partial class ReminderRegistry(ReminderStore store, IGrainFactory grainFactory, TimeProvider time, ILogger<ReminderRegistry> logger)
{
    /// <summary>The longest reminder name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest due time and period.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromDays(365);

    public async Task<IGrainReminder> RegisterOrUpdateAsync(Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        CheckRemindable(grain);
        CheckName(reminderName);
        if (dueTime < TimeSpan.Zero || dueTime > MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"The due time of reminder '{reminderName}' is {dueTime}; give one from zero to {MaxTime.TotalDays} days.");
        }

        var minimum = store.Options.MinimumPeriod;
        if (period < minimum || period > MaxTime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period),
                period,
                $"The period of reminder '{reminderName}' is {period}; give one from {minimum} ({ReminderOptions.SectionName}:{nameof(ReminderOptions.MinimumPeriod)}) to {MaxTime.TotalDays} days. For shorter intervals use a grain timer.");
        }

        var schedule = new ReminderSchedule(time.GetUtcNow().UtcDateTime + dueTime, period);
        var max = store.Options.MaxRemindersPerGrain;
        await store.ChangeAsync(
            grain.GrainId,
            reminders =>
            {
                if (!reminders.ContainsKey(reminderName) && reminders.Count >= max)
                {
                    throw new InvalidOperationException(
                        $"{grain.IdentityString} has {reminders.Count} reminders, the most allowed ({ReminderOptions.SectionName}:{nameof(ReminderOptions.MaxRemindersPerGrain)}); unregister one before adding '{reminderName}'.");
                }

                reminders[reminderName] = schedule;
                return true;
            },
            CancellationToken.None);
        await TellPartitionAsync(grain.GrainId, reminderName, schedule);
        return new GrainReminder(reminderName, schedule.FirstTickTime, schedule.Period);
    }

    public async Task UnregisterAsync(Grain grain, IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        CheckRemindable(grain);
        var removed = await store.ChangeAsync(grain.GrainId, reminders => reminders.Remove(reminder.ReminderName), CancellationToken.None);
        if (removed)
        {
            await TellPartitionAsync(grain.GrainId, reminder.ReminderName, null);
        }
    }

    public async Task<IGrainReminder?> GetAsync(Grain grain, string reminderName)
    {
        CheckName(reminderName);
        var state = await store.ReadAsync(grain.GrainId, CancellationToken.None);
        return state.State.Reminders.TryGetValue(reminderName, out var schedule)
            ? new GrainReminder(reminderName, schedule.FirstTickTime, schedule.Period)
            : null;
    }

    public async Task<List<IGrainReminder>> ListAsync(Grain grain)
    {
        var state = await store.ReadAsync(grain.GrainId, CancellationToken.None);
        return [.. state.State.Reminders.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new GrainReminder(pair.Key, pair.Value.FirstTickTime, pair.Value.Period))];
    }

    private async Task TellPartitionAsync(GrainId grainId, string reminderName, ReminderSchedule? schedule)
    {
        var partition = ReminderPartitions.Of(grainId);
        try
        {
            await grainFactory.GetGrain<IReminderPartitionGrain>(partition).ScheduleAsync(grainId.ToString(), reminderName, schedule);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Stored already: the partition's next refresh reads it, so the caller's change holds.
            LogPartitionNotTold(logger, partition, exception);
        }
    }

    private static void CheckRemindable(Grain grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException(
                $"{grain.GetType().Name} registers reminders but does not implement IRemindable; implement IRemindable.ReceiveReminder to receive their ticks.");
        }
    }

    private static void CheckName(string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (reminderName.Length > MaxNameLength || reminderName.Any(char.IsControl))
        {
            throw new ArgumentException($"A reminder name has 1 to {MaxNameLength} characters and no control characters; '{reminderName[..Math.Min(reminderName.Length, 40)]}...' does not.", nameof(reminderName));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder partition {Partition} could not be told of a change; it reads it at its next refresh.")]
    private static partial void LogPartitionNotTold(ILogger logger, string partition, Exception exception);
}
