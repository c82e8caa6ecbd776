namespace Cluster.Runtime.Messaging;

/// <summary>Sends the outcome of a call that came from another process back to it.</summary>
internal interface IRemoteResponder
{
    /// <summary>Called once, when the callee's method has ended; the task is completed.</summary>
    void Respond<TResult>(Task<TResult> completed);
}
