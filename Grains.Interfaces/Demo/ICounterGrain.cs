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

    /// <summary>
    /// Adds <paramref name="amount"/> every <paramref name="period"/> from one period from now, through a durable
    /// reminder: the increments go on when nobody calls the counter, across silo restarts. Replaces an earlier schedule.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is outside the allowed range, or the period is below the cluster's shortest reminder period (<c>Reminders:MinimumPeriod</c>, 1 min by default).</exception>
    Task<CounterInfo> ScheduleAsync(int amount, TimeSpan period, CancellationToken cancellationToken = default);

    /// <summary>Ends the scheduled increment, if any.</summary>
    Task<CounterInfo> UnscheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>The current value; never activates a write.</summary>
    [ReadOnly]
    Task<CounterInfo> GetAsync(CancellationToken cancellationToken = default);
}
