using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Demo;

/// <summary>
/// A named counter with persisted state: the demonstration grain behind the API host's
/// <c>/api/demo/counters</c> routes, showing a call from HTTP through a grain to storage.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds <paramref name="amount"/> (1 to <see cref="CounterLimits.MaxIncrement"/>) and persists the new value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is outside the allowed range.</exception>
    Task<CounterInfo> IncrementAsync(int amount, CancellationToken cancellationToken = default);

    /// <summary>The current value; never activates a write.</summary>
    [ReadOnly]
    Task<CounterInfo> GetAsync(CancellationToken cancellationToken = default);
}
