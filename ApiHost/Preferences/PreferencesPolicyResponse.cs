using System.Text.Json;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Users;

namespace Cluster.ApiHost.Preferences;

/// <summary>The preferences policy as administrators read it.</summary>
public sealed record PreferencesPolicyResponse(JsonElement Defaults, IReadOnlyList<string> Locked, DateTimeOffset? UpdatedAt, string? UpdatedBy)
{
    public static PreferencesPolicyResponse From(PreferencesPolicyInfo policy) =>
        new(PluginJson.Parse(policy.DefaultsJson)!.Value, policy.LockedKeys, policy.UpdatedAt, policy.UpdatedBy);
}
