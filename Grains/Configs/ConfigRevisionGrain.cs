using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Configs;

[GrainType("config-revision")]
public sealed class ConfigRevisionGrain(
    [PersistentState(ConfigRevisionGrain.StateName)] IPersistentState<ConfigRevisionState> revision) : Grain, IConfigRevisionGrain
{
    public const string StateName = "config-revision";

    public Task<string?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(revision.State.DocumentJson);

    public async Task WriteAsync(string documentJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentJson);
        await revision.ChangeAsync(state => state.DocumentJson = documentJson, state => new ConfigRevisionState { DocumentJson = state.DocumentJson }, cancellationToken);
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        await revision.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }
}
