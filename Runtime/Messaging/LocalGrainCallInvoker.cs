using Cluster.Runtime.Activation;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Observers;

namespace Cluster.Runtime.Messaging;

/// <summary>
/// The invoker of a process that hosts a silo: calls go to its catalog (through the cluster's router when the silo is
/// a member of a cluster), its observers, or back to a connected client's observers.
/// </summary>
internal sealed class LocalGrainCallInvoker(GrainRuntime runtime) : TrackingGrainCallInvoker(runtime.TimeoutTracker)
{
    public override void Route(GrainId target, Request request)
    {
        if (!ObserverRegistry.IsObserver(target))
        {
            if (runtime.Cluster is { } cluster)
            {
                cluster.Route(target, request);
            }
            else
            {
                runtime.Catalog.Dispatch(target, request);
            }
        }
        else if (!runtime.Observers.IsLocal(target) && runtime.Clients.Find(ObserverRegistry.OwnerOf(target)) is { } client)
        {
            if (!client.SendRequest(target, request, Timeouts.TimeoutOf(request)))
            {
                runtime.Fail(request, new SiloUnavailableException($"The process owning observer {target} is disconnecting; the call was not sent."));
            }
        }
        else
        {
            runtime.Observers.Dispatch(target, request);
        }
    }
}
