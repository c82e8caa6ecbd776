using Cluster.Runtime.Core;

namespace Cluster.Runtime.Reminders;

/// <summary>
/// A reminder its partition serves. <see cref="NextDue"/> belongs to the partition's turns; the tick figures are
/// also written when a delivery ends, outside them, so those go under a lock.
/// </summary>
internal sealed class ScheduledReminder(GrainId grainId, string name, ReminderSchedule schedule, DateTime nextDue)
{
    private const int MaxErrorLength = 300;

    private readonly Lock _lock = new();
    private bool _inFlight;
    private DateTime? _lastTick;
    private long _ticks;
    private long _failures;
    private string? _lastError;

    public GrainId GrainId { get; } = grainId;

    public string Name { get; } = name;

    public ReminderSchedule Schedule { get; } = schedule;

    public DateTime NextDue { get; set; } = nextDue;

    /// <summary>Claims the reminder for one tick; false while the previous tick is still being delivered.</summary>
    public bool TryBeginTick()
    {
        lock (_lock)
        {
            if (_inFlight)
            {
                return false;
            }

            _inFlight = true;
            return true;
        }
    }

    public void EndTick(DateTime dueAt, Exception? failure)
    {
        lock (_lock)
        {
            _inFlight = false;
            if (failure is null)
            {
                _ticks++;
                _lastTick = dueAt;
            }
            else
            {
                _failures++;
                var error = $"{failure.GetType().Name}: {failure.Message}";
                _lastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
            }
        }
    }

    public ReminderStatus Status(string silo)
    {
        lock (_lock)
        {
            return new ReminderStatus(GrainId.ToString(), Name, Schedule.FirstTickTime, Schedule.Period, NextDue, _lastTick, _ticks, _failures, _lastError, silo);
        }
    }
}
