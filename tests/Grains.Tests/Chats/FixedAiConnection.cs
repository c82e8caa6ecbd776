using Cluster.Grains.Interfaces.Settings;
using Cluster.Grains.Settings;

namespace Cluster.Grains.Tests.Chats;

/// <summary>AI settings that never change, for unit tests of the provider without a cluster.</summary>
public sealed class FixedAiConnection(AiConnectionInfo settings) : IAiConnectionSource
{
    public Task<AiConnectionInfo> GetAsync(CancellationToken cancellationToken) => Task.FromResult(settings);
}
