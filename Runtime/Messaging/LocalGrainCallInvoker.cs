using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Observers;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// Sends calls to activations and observers of this process: starts the caller's timeout and cancellation
/// watch, then routes the request. Nothing here allocates beyond the request itself.
/// </summary>
internal sealed class LocalGrainCallInvoker(GrainRuntime runtime) : GrainCallInvoker
{
    private static readonly Action<object?> CancelCall = static state =>
        ((Request)state!).TryFail(new OperationCanceledException("The caller cancelled the call; the callee may have started it."));

    internal override void Send(GrainReference target, Request request)
    {
        request.Target = target;
        if (!request.IsOneWay)
        {
            var cancellationToken = request.CancellationToken;
            if (cancellationToken.IsCancellationRequested)
            {
                request.TryFail(new OperationCanceledException("The caller cancelled the call before it was sent.", null, cancellationToken));
                return;
            }

            request.CompleteInline = SynchronizationContext.Current is ActivationData;
            if (!request.WatchCancellation(CancelCall))
            {
                // Cancelled while registering: never start a call whose caller has already given up.
                return;
            }

            runtime.TimeoutTracker.Add(request);
        }

        Route(request);
    }

    /// <summary>Delivers a request to its target: the observer registry or the catalog.</summary>
    public void Route(Request request)
    {
        var grainId = request.Target!.GrainId;
        if (ObserverRegistry.IsObserver(grainId))
        {
            runtime.Observers.Dispatch(grainId, request);
        }
        else
        {
            runtime.Catalog.Dispatch(grainId, request);
        }
    }
}
