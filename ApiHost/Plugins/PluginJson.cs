using System.Text.Json;

namespace Cluster.ApiHost.Plugins;

/// <summary>JSON text from a manifest or a service's settings, put into a response as JSON rather than as a string.</summary>
public static class PluginJson
{
    /// <summary>The value of <paramref name="json"/>; null for null text. The text was validated JSON when the silo accepted it.</summary>
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
