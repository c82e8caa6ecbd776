using System.Diagnostics;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Activation;

/// <summary>
/// One activation of a grain: its mailbox, its scheduler and its life cycle. The activation is its own
/// <see cref="SynchronizationContext"/>: while its code runs, awaits post their continuations back here, and a
/// single work item drains them, so the activation's code never runs on two threads at once. Requests are
/// admitted one at a time (across awaits) unless the grain or the method allows interleaving.
/// </summary>
internal sealed partial class ActivationData : SynchronizationContext, IThreadPoolWorkItem, IInvocationSink, IGrainActivationContext
{
    // The runtime passes the activation to Grain's constructor this way, as Orleans does, so grain
    // constructors need no runtime parameter.
    [ThreadStatic]
    private static ActivationData? _constructing;

    // A bound on the work one scheduling slice does, so a busy activation cannot starve others.
    private const int MaxItemsPerSlice = 64;

    private readonly Lock _lock = new();
    private readonly RequestQueue _waiting = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _ready = new();
    private readonly GrainRuntime _runtime;
    private ActivationStatus _status;
    private int _running;
    private int _runningNonReadOnly;
    private bool _scheduled;
    private DeactivationReason? _deactivationReason;
    private long _lastActivity;
    private long _keepAliveUntil;

    public ActivationData(GrainRuntime runtime, GrainId grainId, GrainClassInfo classInfo)
    {
        _runtime = runtime;
        GrainId = grainId;
        ClassInfo = classInfo;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
    }

    public static ActivationData? Constructing => _constructing;

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public GrainRuntime Runtime => _runtime;

    public IServiceProvider Services => _runtime.Services;

    public Grain? GrainInstance { get; private set; }

    public ActivationStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>Requests admitted and not finished, plus those waiting; for placement of stateless workers.</summary>
    public int Load
    {
        get
        {
            lock (_lock)
            {
                return _running + _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Queues a request, or runs it at once on the caller's thread when it was offered that and this activation is
    /// idle (see <see cref="OfferCallerThread"/>); false when the activation is gone and the caller must route it again.
    /// </summary>
    public bool TryEnqueue(Request request)
    {
        var offered = ReferenceEquals(_callerThreadOffer, request);
        _callerThreadOffer = null;
        if (_runtime.Metrics.GrainCallDuration.Enabled)
        {
            request.ArrivedAt = CallClock.Now();
        }

        bool schedule;
        lock (_lock)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            request.Sink = this;
            if (offered && TryAdmitOnCallerThreadLocked(request))
            {
                schedule = false;
            }
            else
            {
                offered = false;
                _waiting.Enqueue(request);
                schedule = ScheduleIfIdleLocked();
            }
        }

        if (offered)
        {
            RunOnCallerThread(request);
        }
        else if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            _ready.Enqueue((d, state));
            schedule = ScheduleIfIdleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation; await instead.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    public void OnInvocationCompleted(Request request, Exception? exception)
    {
        if (exception is not null && request.IsOneWay)
        {
            LogOneWayCallFailed(_runtime.Logger, exception, request.ToString(), GrainId);
        }

        if (request.Trace is { } trace)
        {
            RuntimeTracing.EndCall(trace, exception);
        }

        // A request that arrived before the instrument was enabled has no arrival time and is not measured.
        if (request.ArrivedAt != 0 && request is not TimerTickRequest && _runtime.Metrics.GrainCallDuration.Enabled)
        {
            RecordCall(request, exception);
        }

        bool schedule;
        lock (_lock)
        {
            _running--;
            if ((request.Options & InvokeMethodOptions.ReadOnly) == 0)
            {
                _runningNonReadOnly--;
            }

            if (request is not TimerTickRequest { KeepAlive: false })
            {
                _lastActivity = _runtime.TimeProvider.GetTimestamp();
            }

            schedule = (_waiting.Count > 0 || _deactivationReason is not null) && ScheduleIfIdleLocked();
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var processed = 0; processed < MaxItemsPerSlice; processed++)
            {
                (SendOrPostCallback Callback, object? State) continuation = default;
                Request? request = null;
                var lifecycleStep = LifecycleStep.None;
                lock (_lock)
                {
                    if (!_ready.TryDequeue(out continuation) && !TryTakeLifecycleStepLocked(out lifecycleStep) && !TryAdmitLocked(out request))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                if (continuation.Callback is not null)
                {
                    RunContinuation(continuation.Callback, continuation.State);
                }
                else if (lifecycleStep != LifecycleStep.None)
                {
                    RunLifecycleStep(lifecycleStep);
                }
                else
                {
                    // The grain method's awaits capture the context it starts under, so it lasts the whole call.
                    var outer = RequestContext.Enter(request!.Context);
                    Invoke(request);
                    RequestContext.Restore(outer);
                }
            }

            // Slice used up with work left: yield the thread, keep the scheduled flag, continue later.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override string ToString() => $"activation of {GrainId}";

    // The call's span, when traced, is current while the grain method runs (its awaits carry it) and ends with the call.
    private void Invoke(Request request)
    {
        if (request is TimerTickRequest || !RuntimeTracing.Source.HasListeners())
        {
            request.Invoke(GrainInstance!);
            return;
        }

        var outer = Activity.Current;
        try
        {
            request.Trace = RuntimeTracing.StartCall(request, GrainId.Type);
            request.Invoke(GrainInstance!);
        }
        finally
        {
            Activity.Current = outer;
        }
    }

    private void RecordCall(Request request, Exception? exception)
    {
        var tags = new TagList
        {
            { "grain.type", GrainId.Type },
            { "interface", request.InterfaceName },
            { "method", request.MethodName },
            { "outcome", exception is null ? "ok" : "error" },
        };
        _runtime.Metrics.GrainCallDuration.Record(CallClock.SecondsSince(request.ArrivedAt), in tags);
    }

    private void RunContinuation(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception exception)
        {
            // Await continuations capture their own exceptions; a throwing callback was posted by other code.
            LogContinuationFailed(_runtime.Logger, exception, GrainId);
        }
    }

    private bool ScheduleIfIdleLocked()
    {
        if (_scheduled)
        {
            return false;
        }

        _scheduled = true;
        return true;
    }

    private bool TryAdmitLocked(out Request? request)
    {
        request = null;
        if (_status != ActivationStatus.Valid || _deactivationReason is not null || _waiting.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < _waiting.Count; i++)
        {
            var candidate = _waiting[i];
            if (!candidate.IsOneWay && candidate.IsCallerCompleted)
            {
                // Its caller timed out or cancelled: the outcome is already "unknown", so never running it is
                // allowed, and a stuck activation does not pile up work nobody waits for.
                _waiting.RemoveAt(i--);
                continue;
            }

            if (MayInvokeLocked(candidate))
            {
                request = _waiting.RemoveAt(i);
                _running++;
                if ((request.Options & InvokeMethodOptions.ReadOnly) == 0)
                {
                    _runningNonReadOnly++;
                }

                return true;
            }
        }

        return false;
    }

    private bool MayInvokeLocked(Request request)
    {
        if (_running == 0 || ClassInfo.IsReentrant)
        {
            return true;
        }

        var options = request.Options;
        return (options & InvokeMethodOptions.AlwaysInterleave) != 0
            || ((options & InvokeMethodOptions.ReadOnly) != 0 && _runningNonReadOnly == 0);
    }
}
