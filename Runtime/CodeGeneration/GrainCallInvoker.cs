using System.ComponentModel;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>Sends requests made through generated proxies. The runtime provides the only implementation.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainCallInvoker
{
    private protected GrainCallInvoker()
    {
    }

    /// <summary>Routes <paramref name="request"/> to the activation or observer that <paramref name="target"/> addresses.</summary>
    internal abstract void Send(GrainReference target, Request request);
}
