using System.Text.Json;

namespace Cluster.Runtime.Storage.Internal;

/// <summary>
/// The JSON form of grain state. Defaults to <see cref="JsonSerializerDefaults.Web"/>, which ignores unknown members
/// and leaves missing ones at their defaults, so adding or removing a state field does not break reading old rows.
/// </summary>
internal static class StateJson
{
    /// <summary>The options a provider uses when its own option is <c>null</c>.</summary>
    public static JsonSerializerOptions DefaultOptions => JsonSerializerOptions.Web;

    /// <summary>The options to use: the configured ones, or <see cref="DefaultOptions"/>.</summary>
    public static JsonSerializerOptions OrDefault(JsonSerializerOptions? configured) => configured ?? DefaultOptions;
}
