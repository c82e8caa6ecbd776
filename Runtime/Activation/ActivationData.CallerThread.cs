using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Activation;

/// <summary>
/// Calls run on their caller's thread. A caller outside any activation (an HTTP request, a test, a background
/// service) waits for its call anyway; when the activation is idle, running the call's first turn right there
/// saves two thread-pool hops (into the activation and back to the caller), which is most of the cost of a local call
/// whose grain answers without awaiting. The call is still a turn of the activation: admitted under its lock, run
/// with the activation as synchronization context (its awaits continue on the activation as usual) and with an
/// execution context of its own, so it sees none of the caller's async-local values but its request context.
/// What the caller gives up: until the grain's first await, the caller's thread is the grain's, so a grain that
/// blocks or spins there holds its caller that long (the response timeout and cancellation take effect only once
/// it yields), and a lock the caller holds is held across that part of the turn. Grains must not block anyway;
/// callers should not call grains while holding a lock.
/// </summary>
internal sealed partial class ActivationData
{
    // The request being routed by its own caller's thread, synchronously within the send: only then is running it
    // here safe, as the caller has not awaited it yet and so no caller code can run inside the turn.
    [ThreadStatic]
    private static Request? _callerThreadOffer;

    // What a thread-pool thread starts work items with: no async-local values at all.
    private static readonly ExecutionContext EmptyExecutionContext = CaptureEmptyExecutionContext();

    /// <summary>Offers the calling thread to run <paramref name="request"/> while it is routed; null ends the offer.</summary>
    public static void OfferCallerThread(Request? request) => _callerThreadOffer = request;

    private bool TryAdmitOnCallerThreadLocked(Request request)
    {
        // Idle and nothing queued, so running it now keeps every ordering the mailbox would have kept.
        if (_scheduled || _ready.Count > 0 || _waiting.Count > 0 || _status != ActivationStatus.Valid || _deactivationReason is not null
            || request.IsCallerCompleted || !MayInvokeLocked(request))
        {
            return false;
        }

        _scheduled = true;
        _running++;
        if ((request.Options & InvokeMethodOptions.ReadOnly) == 0)
        {
            _runningNonReadOnly++;
        }

        return true;
    }

    private void RunOnCallerThread(Request request)
    {
        var callerContext = ExecutionContext.Capture()!;
        var callerSynchronizationContext = Current;
        ExecutionContext.Restore(EmptyExecutionContext);
        SetSynchronizationContext(this);
        try
        {
            // An answer given before the first await reaches a caller that has not awaited yet: it completes the
            // caller's task directly. A later answer must not run the caller's code inside the turn.
            request.CompleteInline = true;
            RequestContext.Enter(request.Context);
            Invoke(request);
            request.CompleteInline = false;
        }
        finally
        {
            SetSynchronizationContext(callerSynchronizationContext);
            ExecutionContext.Restore(callerContext);
            ReleaseCallerThread();
        }
    }

    // The turn's first part is over, however it ended: whatever arrived meanwhile, or its own continuations, runs as
    // usual. Left undone, the activation would stay scheduled with nobody to run it.
    private void ReleaseCallerThread()
    {
        bool schedule;
        lock (_lock)
        {
            schedule = _ready.Count > 0 || _waiting.Count > 0 || _deactivationReason is not null;
            _scheduled = schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private static ExecutionContext CaptureEmptyExecutionContext()
    {
        ExecutionContext? empty = null;
        var thread = new Thread(() => empty = ExecutionContext.Capture()) { IsBackground = true };
        using (ExecutionContext.SuppressFlow())
        {
            thread.Start();
        }

        thread.Join();
        return empty!;
    }
}
