using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>
/// A full page of a stream's chunks (<see cref="ChatLimits.StreamPageSize"/> of them), keyed
/// <c>streamId:pageIndex</c>, written once when the stream has produced it. A stream persists only the chunks after
/// its last full page, so persisting it costs the same at its end as at its start.
/// </summary>
public interface IChatStreamPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page; storing the same page again changes nothing.</summary>
    /// <exception cref="ArgumentException">The page does not hold exactly <see cref="ChatLimits.StreamPageSize"/> chunks.</exception>
    Task SaveAsync(IReadOnlyList<string> chunks, CancellationToken cancellationToken = default);

    /// <summary>The page's chunks; empty when it was never stored.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken = default);
}
