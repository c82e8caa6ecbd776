using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Messaging.Remote;

/// <summary>What a process does with calls that arrive from another process.</summary>
internal interface IMessageRouter
{
    /// <summary>An empty request for the method, or null when this process does not know the interface or method.</summary>
    Request? CreateRequest(string interfaceName, string methodKey);

    /// <summary>Runs <paramref name="request"/> on <paramref name="target"/> (an activation here or an observer).</summary>
    void Route(GrainId target, Request request);

    /// <summary>A call this process sent to <paramref name="grain"/> was forwarded: any cached address of the grain is stale.</summary>
    void OnForwarded(GrainId grain);
}
