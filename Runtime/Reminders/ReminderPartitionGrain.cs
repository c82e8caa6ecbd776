using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// Delivers the ticks of one partition's reminders. It loads them from storage when it activates and at each
/// refresh, checks every <see cref="Resolution"/> which are due, and sends each due tick without waiting for it, so
/// a slow grain delays only its own next tick (a reminder never has two ticks in flight). Placed like any grain:
/// the partitions spread over the silos, and move when their silo leaves.
/// </summary>
[GrainType(ReminderPartitions.GrainType)]
internal sealed partial class ReminderPartitionGrain(ReminderStore store, RuntimeMetrics metrics, TimeProvider time, ILogger<ReminderPartitionGrain> logger)
    : Grain, IReminderPartitionGrain
{
    /// <summary>How often due reminders are looked for: the precision of a tick's delivery.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(string GrainId, string Name), ScheduledReminder> _reminders = [];
    private IGrainTimer? _timer;
    private DateTime _loadedAt;

    private string Partition => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task EnsureServedAsync(CancellationToken cancellationToken)
    {
        if (Now() - _loadedAt >= store.Options.RefreshPeriod)
        {
            await LoadAsync(cancellationToken);
        }
    }

    public Task ScheduleAsync(string grainId, string reminderName, ReminderSchedule? schedule, CancellationToken cancellationToken)
    {
        var key = (grainId, reminderName);
        if (schedule is null)
        {
            _reminders.Remove(key);
        }
        else if (!_reminders.TryGetValue(key, out var known) || known.Schedule != schedule)
        {
            _reminders[key] = new ScheduledReminder(GrainId.Parse(grainId), reminderName, schedule, schedule.FirstTickTime);
        }

        ArmTimer();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReminderStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var silo = ServiceProvider.GetRequiredService<SiloStatistics>().Silo;
        return Task.FromResult<IReadOnlyList<ReminderStatus>>(
            [.. _reminders.Values.OrderBy(reminder => reminder.NextDue).Select(reminder => reminder.Status(silo))]);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListPartitionAsync(Partition, cancellationToken);
        var now = Now();
        var loaded = new Dictionary<(string, string), ScheduledReminder>();
        foreach (var record in records)
        {
            foreach (var (name, schedule) in record.Reminders)
            {
                var key = (record.GrainId, name);
                loaded[key] = _reminders.TryGetValue(key, out var known) && known.Schedule == schedule
                    ? known
                    : new ScheduledReminder(GrainId.Parse(record.GrainId), name, schedule, FirstDueOnLoad(schedule, now));
            }
        }

        _reminders.Clear();
        foreach (var (key, reminder) in loaded)
        {
            _reminders[key] = reminder;
        }

        _loadedAt = now;
        LogLoaded(logger, Partition, _reminders.Count);
        ArmTimer();
    }

    // A tick due during the last two refresh periods may have been missed while another silo served this partition,
    // or while none did: it is delivered late, and may so come twice. Older ticks are skipped, as in Orleans.
    private DateTime FirstDueOnLoad(ReminderSchedule schedule, DateTime now)
    {
        var next = schedule.NextAfter(now);
        var previous = next - schedule.Period;
        return previous >= schedule.FirstTickTime && now - previous <= store.Options.RefreshPeriod * 2 ? previous : next;
    }

    private void ArmTimer()
    {
        if (_reminders.Count == 0)
        {
            _timer?.Dispose();
            _timer = null;
        }
        else
        {
            // KeepAlive: a partition with reminders is never collected as idle, so its ticks never wait for a refresh.
            _timer ??= RegisterGrainTimer(_ => DeliverDue(), new GrainTimerCreationOptions(Resolution, Resolution) { KeepAlive = true });
        }
    }

    private Task DeliverDue()
    {
        var now = Now();
        foreach (var reminder in _reminders.Values)
        {
            if (reminder.NextDue <= now && reminder.TryBeginTick())
            {
                var status = new TickStatus(reminder.Schedule.FirstTickTime, reminder.Schedule.Period, reminder.NextDue);
                reminder.NextDue = reminder.Schedule.NextAfter(now);
                // Off the partition's turns: the tick's call and its outcome need nothing of this activation.
                _ = Task.Run(() => DeliverAsync(reminder, status));
            }
        }

        return Task.CompletedTask;
    }

    private async Task DeliverAsync(ScheduledReminder reminder, TickStatus status)
    {
        try
        {
            var target = Activation.Runtime.GrainFactory.GetReference<IRemindable>(reminder.GrainId);
            await target.ReceiveReminder(reminder.Name, status);
            reminder.EndTick(status.CurrentTickTime, null);
            metrics.RecordReminderTick(reminder.GrainId.Type, succeeded: true);
        }
        catch (Exception exception)
        {
            reminder.EndTick(status.CurrentTickTime, exception);
            metrics.RecordReminderTick(reminder.GrainId.Type, succeeded: false);
            LogTickFailed(logger, reminder.GrainId.Type, reminder.Name, exception);
        }
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reminder partition {Partition} serves {Count} reminders.")]
    private static partial void LogLoaded(ILogger logger, string partition, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tick of reminder {ReminderName} of a {GrainType} grain failed; it ticks again at its next period.")]
    private static partial void LogTickFailed(ILogger logger, string grainType, string reminderName, Exception exception);
}
