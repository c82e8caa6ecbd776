using System.Text.Json;

namespace Cluster.ApiHost.Configs;

/// <summary>
/// <c>PUT /api/config/{name}/settings</c> (and its answer to GET): the JSON Schema saves must satisfy (null accepts any
/// object) and the variables <c>${VAR}</c> references resolve to.
/// </summary>
public sealed record ConfigSettingsRequest(JsonElement? Schema, Dictionary<string, string>? Variables);
