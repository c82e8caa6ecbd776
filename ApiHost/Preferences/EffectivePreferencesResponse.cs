using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Users;

namespace Cluster.ApiHost.Preferences;

/// <summary>The caller's preferences as they apply.</summary>
/// <param name="Preferences">The administrators' defaults, the caller's own on top, locked keys as the defaults have them.</param>
/// <param name="Locked">JSON Pointers of the keys the caller cannot change.</param>
/// <param name="Version">Grows with each of the caller's changes.</param>
/// <param name="SharedWorkspaceLibrary">
/// The workspaces others shared with the caller, each as its owner has it now; named as the seed's dashboard reads it.
/// </param>
public sealed record EffectivePreferencesResponse(
    JsonElement Preferences,
    IReadOnlyList<string> Locked,
    long Version,
    [property: JsonPropertyName("shared_workspace_library")] IReadOnlyList<SharedWorkspaceResponse> SharedWorkspaceLibrary)
{
    public static EffectivePreferencesResponse From(EffectivePreferencesInfo info, IReadOnlyList<SharedWorkspaceResponse> library) =>
        new(PluginJson.Parse(info.UiJson)!.Value, info.LockedKeys, info.Version, library);
}
