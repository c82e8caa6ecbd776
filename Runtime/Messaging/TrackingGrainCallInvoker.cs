using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Diagnostics;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// The caller's half of every call, local or remote: starts the response timeout and the cancellation watch, then
/// routes the request. Nothing here allocates beyond the request itself.
/// </summary>
internal abstract class TrackingGrainCallInvoker(CallTimeoutTracker timeouts) : GrainCallInvoker
{
    private static readonly Action<object?> CancelCall = static state =>
        ((Request)state!).TryFail(new OperationCanceledException("The caller cancelled the call; the callee may have started it."));

    public CallTimeoutTracker Timeouts { get; } = timeouts;

    /// <summary>Delivers <paramref name="request"/> to the activation, observer or process that serves <paramref name="target"/>.</summary>
    public abstract void Route(GrainId target, Request request);

    internal override void Send(GrainReference target, Request request)
    {
        request.Target = target;
        request.Context = RuntimeTracing.WithCurrentTrace(RequestContext.Current);
        if (!request.IsOneWay)
        {
            var cancellationToken = request.CancellationToken;
            if (cancellationToken.IsCancellationRequested)
            {
                request.TryFail(new OperationCanceledException("The caller cancelled the call before it was sent.", null, cancellationToken));
                return;
            }

            var context = SynchronizationContext.Current;
            request.CompleteInline = context is ActivationData;
            if (!request.WatchCancellation(CancelCall))
            {
                // Cancelled while registering: never start a call whose caller has already given up.
                return;
            }

            Timeouts.Add(request);
            if (context is null && request is not IStreamRequest && !ExecutionContext.IsFlowSuppressed())
            {
                // Code outside any activation waits for the call anyway: an idle activation may run it right here.
                ActivationData.OfferCallerThread(request);
                try
                {
                    Route(target.GrainId, request);
                }
                finally
                {
                    // Routing that threw must not leave the offer behind for this thread's next call.
                    ActivationData.OfferCallerThread(null);
                }

                return;
            }
        }

        Route(target.GrainId, request);
    }
}
