using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;

namespace Cluster.Runtime.Client;

/// <summary>The invoker of a client process: its own observers are called here, everything else goes to a gateway.</summary>
internal sealed class ClientGrainCallInvoker(ClusterClient client, CallTimeoutTracker timeouts) : TrackingGrainCallInvoker(timeouts)
{
    public override void Route(GrainId target, Request request) => client.Route(target, request);
}
