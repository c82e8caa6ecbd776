using System.Text.Json;
using Cluster.Grains.Interfaces.Plugins;

namespace Cluster.ApiHost.Plugins;

/// <summary>A plugin's cached manifest, as <c>GET /api/plugins/{id}/manifest</c> answers it.</summary>
/// <param name="Id">The plugin id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The service's version.</param>
/// <param name="Description">What it does.</param>
/// <param name="SettingsSchema">The settings' JSON Schema; null without settings.</param>
/// <param name="SecretFields">JSON Pointers of the settings whose values are never shown.</param>
/// <param name="Ui">UI hints.</param>
/// <param name="Access">Who may use it.</param>
/// <param name="Revision">Grows by one with every change of the manifest.</param>
/// <param name="ChangedAt">When it last changed.</param>
public sealed record PluginManifestResponse(
    string Id,
    string Name,
    string Version,
    string Description,
    JsonElement? SettingsSchema,
    IReadOnlyList<string> SecretFields,
    JsonElement? Ui,
    PluginAccessResponse Access,
    int Revision,
    DateTimeOffset? ChangedAt)
{
    public static PluginManifestResponse From(ServiceInfo service, PluginManifestInfo manifest) => new(
        manifest.Id,
        manifest.Name,
        manifest.Version,
        manifest.Description,
        PluginJson.Parse(manifest.SettingsSchema),
        manifest.SecretFields,
        PluginJson.Parse(manifest.Ui),
        new PluginAccessResponse(manifest.Access.AllowSuperuser, manifest.Access.RequiredGroups),
        service.ManifestRevision,
        service.ManifestChangedAt);
}
