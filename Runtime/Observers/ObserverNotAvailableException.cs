namespace Cluster.Runtime.Observers;

/// <summary>
/// The observer a call was sent to no longer exists: it was deleted with <c>DeleteObjectReference</c>, or
/// garbage-collected because nothing kept it alive. <see cref="ObserverManager{TObserver}"/> drops such observers.
/// </summary>
public sealed class ObserverNotAvailableException(string message) : Exception(message)
{
}
