using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Settings;

/// <summary>Where the model provider reads administrators' AI settings from, at the start of each request.</summary>
public interface IAiConnectionSource
{
    /// <summary>The settings in effect now.</summary>
    Task<AiConnectionInfo> GetAsync(CancellationToken cancellationToken);
}
