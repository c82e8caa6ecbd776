using Cluster.Runtime.Core;

namespace Cluster.Runtime.Observers;

/// <summary>
/// Marker for observer interfaces: objects outside grains (or grains) that grains call back, through references
/// made by <see cref="IGrainFactory.CreateObjectReference{T}"/>. Observer methods return <c>Task</c>,
/// <c>ValueTask</c> or <c>void</c> (one-way); calls to one observer object run one at a time, in order.
/// </summary>
public interface IGrainObserver : IAddressable
{
}
