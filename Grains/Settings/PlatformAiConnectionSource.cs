using Cluster.Grains.Interfaces.Settings;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Settings;

/// <summary>
/// Reads the AI settings from <see cref="IPlatformSettingsGrain"/> for every request to the provider: one interleaving
/// grain call, small beside a model call, and no copy that could be behind a change.
/// </summary>
public sealed class PlatformAiConnectionSource(IGrainFactory grains) : IAiConnectionSource
{
    public Task<AiConnectionInfo> GetAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IPlatformSettingsGrain>(IPlatformSettingsGrain.Key).GetAiConnectionAsync(cancellationToken);
}
