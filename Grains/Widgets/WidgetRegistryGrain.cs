using Cluster.Grains.Interfaces.Widgets;
using Cluster.Grains.Persistence;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.Grains.Widgets;

[GrainType("widget-registry")]
public sealed class WidgetRegistryGrain(
    [PersistentState(WidgetRegistryGrain.StateName)] IPersistentState<WidgetRegistryState> registry) : Grain, IWidgetRegistryGrain
{
    public const string StateName = "widget-registry";

    public Task<IReadOnlyList<WidgetBundleInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WidgetBundleInfo>>([.. registry.State.Bundles.Values.OrderBy(bundle => bundle.Key, StringComparer.Ordinal)]);

    public Task<WidgetBundleInfo?> GetAsync(string package, string version, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.State.Bundles.GetValueOrDefault(WidgetBundleInfo.KeyOf(package, version)));

    public Task RegisterAsync(WidgetBundleInfo bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return registry.ChangeAsync(state => state.Bundles[bundle.Key] = bundle, Copy, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string package, string version, CancellationToken cancellationToken = default)
    {
        var key = WidgetBundleInfo.KeyOf(package, version);
        if (!registry.State.Bundles.ContainsKey(key))
        {
            return false;
        }

        await registry.ChangeAsync(state => state.Bundles.Remove(key), Copy, cancellationToken);
        return true;
    }

    private static WidgetRegistryState Copy(WidgetRegistryState state) => new() { Bundles = new Dictionary<string, WidgetBundleInfo>(state.Bundles, StringComparer.Ordinal) };
}
