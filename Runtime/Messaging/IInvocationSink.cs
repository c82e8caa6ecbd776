using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Messaging;

/// <summary>Runs requests (an activation or an observer) and learns when each one ends.</summary>
internal interface IInvocationSink
{
    /// <summary>Called once per request when the invoked method has finished, successfully or not.</summary>
    void OnInvocationCompleted(Request request, Exception? exception);
}
