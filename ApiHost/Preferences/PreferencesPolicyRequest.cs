using System.Text.Json;

namespace Cluster.ApiHost.Preferences;

/// <summary>The body of <c>PUT /api/admin/preferences/policy</c>.</summary>
/// <param name="Defaults">A JSON object of defaults under every user's preferences.</param>
/// <param name="Locked">JSON Pointers of the keys users cannot change (such as <c>/theme</c>).</param>
public sealed record PreferencesPolicyRequest(JsonElement? Defaults, IReadOnlyList<string>? Locked);
