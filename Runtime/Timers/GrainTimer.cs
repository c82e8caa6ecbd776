using Cluster.Runtime.Activation;

namespace Cluster.Runtime.Timers;

/// <summary>
/// A grain timer: each tick is queued to the activation as a turn. The next tick is armed only when the
/// callback's task has finished, so callbacks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _lock = new();
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _tickInProgress;
    private bool _changedDuringTick;

    public GrainTimer(ActivationData activation, TimeProvider timeProvider, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _timer = timeProvider.CreateTimer(static s => ((GrainTimer)s!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool Interleave { get; }

    public bool KeepAlive { get; }

    public bool IsStopped => _stopped.IsCancellationRequested;

    public void Start()
    {
        lock (_lock)
        {
            _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(IsStopped, this);
            _dueTime = dueTime;
            _period = period;
            if (_tickInProgress)
            {
                _changedDuringTick = true;
            }
            else
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        Stop();
        _activation.OnTimerDisposed(this);
    }

    /// <summary>Stops future ticks and cancels the token of a running callback.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            if (IsStopped)
            {
                return;
            }

            _stopped.Cancel();
            _timer.Dispose();
        }
    }

    internal Task InvokeCallbackAsync() => _callback(_state, _stopped.Token);

    internal void OnTickCompleted()
    {
        lock (_lock)
        {
            _tickInProgress = false;
            if (IsStopped)
            {
                return;
            }

            if (_changedDuringTick)
            {
                // Change() during a tick sets the next due time itself (an infinite one pauses the timer).
                _changedDuringTick = false;
                _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);
            }
            else if (_period != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or more (or infinite to pause it).");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or Timeout.InfiniteTimeSpan for a single callback.");
        }
    }

    private void OnDue()
    {
        lock (_lock)
        {
            if (IsStopped || _tickInProgress)
            {
                return;
            }

            _tickInProgress = true;
        }

        if (!_activation.TryEnqueue(new TimerTickRequest(this, _activation.ClassInfo.ClassType.FullName ?? "grain")))
        {
            Stop();
        }
    }
}
