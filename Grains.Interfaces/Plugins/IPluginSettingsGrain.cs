using Cluster.Runtime.Core;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>
/// A plugin's settings, keyed by plugin id: read from and changed on the service's <c>/plugin/settings</c>, one change
/// at a time, so a change is validated against the settings it is applied to. The caller checks access first.
/// </summary>
public interface IPluginSettingsGrain : IGrainWithStringKey
{
    /// <summary>The service's current settings, secrets masked.</summary>
    Task<PluginSettingsResult> GetAsync(Uri baseUrl, PluginManifestInfo manifest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="patch"/> (a JSON Merge Patch object, RFC 7396) to the current settings, validates the result
    /// against the manifest's schema and, when it is valid, sends the patch (masked secrets left out) to the service, whose
    /// answer is the new settings.
    /// </summary>
    Task<PluginSettingsResult> UpdateAsync(Uri baseUrl, PluginManifestInfo manifest, string patch, CancellationToken cancellationToken = default);
}
