using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Activation;

internal sealed partial class ActivationData
{
    private List<GrainTimer>? _timers;

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, _runtime.TimeProvider, callback, state, options);
        lock (_lock)
        {
            if (_status >= ActivationStatus.Deactivating)
            {
                throw new InvalidOperationException($"The activation of {GrainId} is deactivating; timers can no longer be registered.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void OnTimerDisposed(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null)
            {
                return;
            }

            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            try
            {
                timer.Stop();
            }
            catch (AggregateException exception)
            {
                // Callbacks the grain registered on a timer's token threw; the activation must still end.
                LogTimerStopFailed(_runtime.Logger, exception, GrainId);
            }
        }
    }
}
