using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Activation;

internal sealed partial class ActivationData
{
    // Copied on add (only while the grain is constructed), so the dashboard can read it from outside the activation's turns.
    private IActivationState[] _states = [];
    private TaskCompletionSource? _deactivated;

    /// <summary>Deactivates after the running calls end; completes once the activation has left the catalog.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return Task.CompletedTask;
            }

            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        RequestDeactivation(reason);
        return _deactivated.Task;
    }

    public void RequestDeactivation(DeactivationReason reason)
    {
        bool schedule;
        lock (_lock)
        {
            if (_status >= ActivationStatus.Deactivating || _deactivationReason is not null)
            {
                return;
            }

            _deactivationReason = reason;
            schedule = ScheduleIfIdleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var now = _runtime.TimeProvider.GetTimestamp();
        lock (_lock)
        {
            _keepAliveUntil = timeSpan <= TimeSpan.Zero ? 0 : now + ToTimestampTicks(timeSpan);
        }
    }

    /// <summary>Starts idle deactivation when nothing has touched the activation for its collection age.</summary>
    public bool TryCollectIfIdle(long now)
    {
        bool schedule;
        lock (_lock)
        {
            var age = ClassInfo.CollectionAge;
            if (_status != ActivationStatus.Valid || _deactivationReason is not null || _running > 0 || _waiting.Count > 0
                || age == TimeSpan.MaxValue || now < _keepAliveUntil || now - _lastActivity < ToTimestampTicks(age))
            {
                return false;
            }

            _deactivationReason = DeactivationReason.ActivationIdle;
            schedule = ScheduleIfIdleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    public TGrainInterface GetReference<TGrainInterface>()
        where TGrainInterface : IAddressable => _runtime.GrainFactory.GetReference<TGrainInterface>(GrainId);

    /// <summary>The activation's persistent states; all are added while the grain is constructed, before its first turn.</summary>
    internal IReadOnlyList<IActivationState> States => Volatile.Read(ref _states);

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName, Func<TState> createDefault)
    {
        var state = new PersistentState<TState>(this, _runtime.GetStorage(storageName, ClassInfo), stateName, storageName, createDefault);
        Volatile.Write(ref _states, [.. _states, state]);
        return state;
    }

    private long ToTimestampTicks(TimeSpan span) =>
        span >= TimeSpan.FromDays(3650) ? long.MaxValue / 2 : (long)(span.TotalSeconds * _runtime.TimeProvider.TimestampFrequency);

    private bool TryTakeLifecycleStepLocked(out LifecycleStep step)
    {
        step = LifecycleStep.None;
        if (_status == ActivationStatus.Created)
        {
            _status = ActivationStatus.Activating;
            step = LifecycleStep.Activate;
        }
        else if (_status == ActivationStatus.Valid && _deactivationReason is not null && _running == 0)
        {
            _status = ActivationStatus.Deactivating;
            step = LifecycleStep.Deactivate;
        }

        return step != LifecycleStep.None;
    }

    private void RunLifecycleStep(LifecycleStep step)
    {
        // Both run as turns of this activation: their awaits post back here.
        _ = step == LifecycleStep.Activate ? ActivateCoreAsync() : DeactivateCoreAsync(_deactivationReason!.Value);
    }

    private async Task ActivateCoreAsync()
    {
        if (!_runtime.Catalog.IsOpen)
        {
            // Shutdown has begun (or the silo has not started): an activation created now would miss the
            // shutdown's deactivation pass. In a cluster its calls go to another silo instead.
            if (_runtime.Cluster is { } router)
            {
                EndUnactivated(request => router.Route(GrainId, request));
            }
            else
            {
                FailActivation(new SiloUnavailableException(_runtime.Catalog.ClosedReason));
            }

            return;
        }

        if (_runtime.Cluster is { } cluster && !await TryRegisterAsync(cluster))
        {
            return;
        }

        try
        {
            _constructing = this;
            try
            {
                GrainInstance = ClassInfo.Create(this);
            }
            finally
            {
                _constructing = null;
            }

            var cancellationToken = _runtime.StoppingToken;

            // State first: OnActivateAsync may read it, and calls must never see an unloaded state.
            foreach (var state in _states)
            {
                await state.LoadAsync(cancellationToken);
            }

            await GrainInstance.OnActivateAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            FailActivation(exception);
            return;
        }

        lock (_lock)
        {
            _status = ActivationStatus.Valid;
            _lastActivity = _runtime.TimeProvider.GetTimestamp();
        }
    }

    private void FailActivation(Exception exception)
    {
        StopTimers();
        if (_address is { } address && _runtime.Cluster is { } cluster)
        {
            // Registered, then failed to load or activate: the entry would send calls here for nothing. Only this
            // activation's entry is removed, so a newer one registered meanwhile keeps its own.
            _ = cluster.UnregisterActivationAsync(address);
        }

        var pending = LeaveUnactivated();
        LogActivationFailed(_runtime.Logger, exception, GrainId, pending.Count);
        var callerException = ExceptionCodec.ForCaller(exception);
        foreach (var request in pending)
        {
            request.Sink = null;
            request.TryFail(callerException);
        }
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        LogDeactivating(_runtime.Logger, GrainId, reason);
        StopTimers();
        var timeout = _runtime.Options.DeactivationTimeout;
        using (var budget = new CancellationTokenSource(timeout, _runtime.TimeProvider))
        {
            try
            {
                await GrainInstance!.OnDeactivateAsync(reason, budget.Token).WaitAsync(timeout, _runtime.TimeProvider);
            }
            catch (TimeoutException)
            {
                // OnDeactivateAsync still runs, but the grain is about to be free to activate elsewhere: from now on
                // only the new activation may write its state.
                LogDeactivationTimedOut(_runtime.Logger, GrainId, timeout);
                if (!await RetireAsync(
                    $"{GrainId}'s OnDeactivateAsync ran longer than {nameof(Hosting.SiloOptions.DeactivationTimeout)} ({timeout}); the activation has ended and writes no more state.", timeout))
                {
                    LogStateWriteOutlivedDeactivation(_runtime.Logger, GrainId, timeout);
                }
            }
            catch (Exception exception)
            {
                LogDeactivationFailed(_runtime.Logger, exception, GrainId, reason);
            }
        }

        // Unregister, then leave the catalog, only now: a new activation of this grain, here or on another silo, must
        // not start while this one may still write.
        if (_address is { } address && _runtime.Cluster is { } cluster)
        {
            await cluster.UnregisterActivationAsync(address);
        }

        _runtime.Catalog.OnActivationRemoved(this);
        List<Request> forward;
        lock (_lock)
        {
            _status = ActivationStatus.Invalid;
            forward = _waiting.DrainAll();
        }

        _deactivated?.TrySetResult();
        foreach (var request in forward)
        {
            // A timer tick belongs to this activation's grain instance; the next activation has its own timers.
            if (request is not TimerTickRequest)
            {
                request.Sink = null;
                _runtime.Dispatcher.Route(GrainId, request);
            }
        }
    }
}
