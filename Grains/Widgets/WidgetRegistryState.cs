using Cluster.Grains.Interfaces.Widgets;

namespace Cluster.Grains.Widgets;

/// <summary>The persisted widget registry.</summary>
public sealed class WidgetRegistryState
{
    /// <summary>The bundles by <see cref="WidgetBundleInfo.Key"/>.</summary>
    public Dictionary<string, WidgetBundleInfo> Bundles { get; set; } = new(StringComparer.Ordinal);
}
