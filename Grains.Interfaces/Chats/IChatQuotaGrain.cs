using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>A user's chat messages over a sliding window, keyed by user id, for the daily message quota.</summary>
public interface IChatQuotaGrain : IGrainWithStringKey
{
    /// <summary>The most messages counted; a larger limit is refused.</summary>
    const int MaxLimit = 100_000;

    /// <summary>
    /// Counts one message unless <paramref name="limit"/> messages were counted within <paramref name="window"/>
    /// already; true when it was counted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit or the window is out of range.</exception>
    Task<bool> TryTakeAsync(int limit, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>The messages counted within <paramref name="window"/>.</summary>
    [ReadOnly]
    Task<int> CountAsync(TimeSpan window, CancellationToken cancellationToken = default);
}
