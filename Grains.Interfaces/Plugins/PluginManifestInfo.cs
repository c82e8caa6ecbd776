namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>A feature service's validated <c>GET /plugin/manifest</c>.</summary>
/// <param name="Id">The plugin id; always the service id it was fetched from.</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The service's own version string.</param>
/// <param name="Description">What the plugin does; may be empty.</param>
/// <param name="SettingsSchema">The settings' JSON Schema as JSON text; null when the plugin has no settings.</param>
/// <param name="SecretFields">
/// JSON Pointers (RFC 6901) of the settings marked <c>"secret": true</c> in the schema, whose values are never returned in clear.
/// </param>
/// <param name="Ui">UI hints as JSON text (an object), passed to the frontend unchanged; null when none.</param>
/// <param name="Access">Who may use the plugin.</param>
public sealed record PluginManifestInfo(
    string Id,
    string Name,
    string Version,
    string Description,
    string? SettingsSchema,
    IReadOnlyList<string> SecretFields,
    string? Ui,
    PluginAccessRules Access);
