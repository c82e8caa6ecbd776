using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Widgets;

/// <summary>
/// The registered widget bundles (one grain, key <see cref="Key"/>): their metadata in cluster storage, so every API
/// host knows what to download and what integrity to demand, across restarts.
/// </summary>
public interface IWidgetRegistryGrain : IGrainWithStringKey
{
    /// <summary>The one registry's key.</summary>
    const string Key = "all";

    /// <summary>Every bundle, by package and version.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WidgetBundleInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The bundle of <paramref name="package"/> at <paramref name="version"/>, or null.</summary>
    [ReadOnly]
    Task<WidgetBundleInfo?> GetAsync(string package, string version, CancellationToken cancellationToken = default);

    /// <summary>Records a verified bundle, replacing one of the same package and version.</summary>
    Task RegisterAsync(WidgetBundleInfo bundle, CancellationToken cancellationToken = default);

    /// <summary>Removes a bundle; false when there was none.</summary>
    Task<bool> RemoveAsync(string package, string version, CancellationToken cancellationToken = default);
}
