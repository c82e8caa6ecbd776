using System.Text.Json;
using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>A plugin in the caller's list.</summary>
/// <param name="Id">The plugin (and service) id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The service's version.</param>
/// <param name="Description">What it does.</param>
/// <param name="Status">The service's health: <c>healthy</c>, <c>unhealthy</c> or <c>unknown</c>.</param>
/// <param name="HasSettings">Whether the manifest declares settings.</param>
/// <param name="CanUse">Whether the caller may use its API (the manifest's access rules).</param>
/// <param name="CanAdminister">Whether the caller may change its settings.</param>
/// <param name="Ui">The manifest's UI hints, unchanged.</param>
public sealed record PluginResponse(
    string Id,
    string Name,
    string Version,
    string Description,
    string Status,
    bool HasSettings,
    bool CanUse,
    bool CanAdminister,
    JsonElement? Ui)
{
    public static PluginResponse From(ServiceInfo service, PluginManifestInfo manifest, bool canUse, bool canAdminister) => new(
        manifest.Id,
        manifest.Name,
        manifest.Version,
        manifest.Description,
        ServiceStatusNames.Of(service.Health.Status),
        manifest.SettingsSchema is not null,
        canUse,
        canAdminister,
        PluginJson.Parse(manifest.Ui));
}
