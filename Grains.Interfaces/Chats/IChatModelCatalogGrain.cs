using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Chats;

/// <summary>The chat models the silos serve, from their configuration. Any key; a stateless worker on every silo.</summary>
public interface IChatModelCatalogGrain : IGrainWithStringKey
{
    /// <summary>The models, in configuration order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ChatModelInfo>> GetModelsAsync(CancellationToken cancellationToken = default);
}
