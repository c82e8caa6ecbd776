namespace Cluster.Runtime.Concurrency;

/// <summary>
/// The caller does not wait for this interface method: the returned task completes when the call is sent,
/// and exceptions thrown by the callee are logged, not returned. The method must return <c>Task</c>,
/// <c>ValueTask</c> or (on observers) <c>void</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class OneWayAttribute : Attribute
{
}
