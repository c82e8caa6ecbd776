using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Settings;

namespace Cluster.Grains.Plugins;

/// <summary>Settings documents and the JSON Pointers (RFC 6901) of their secret fields.</summary>
public static class SettingsDocument
{
    /// <summary>A copy of <paramref name="settings"/> with each secret that has a value replaced by <see cref="SettingsMasks.Secret"/>.</summary>
    public static JsonObject Mask(JsonObject settings, IReadOnlyList<string> secretPointers)
    {
        var masked = (JsonObject)settings.DeepClone();
        foreach (var pointer in secretPointers)
        {
            if (Find(masked, pointer) is ({ } parent, var name) && parent[name] is { } value
                && !(value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().Length == 0))
            {
                parent[name] = SettingsMasks.Secret;
            }
        }

        return masked;
    }

    /// <summary>Removes from <paramref name="patch"/> every secret sent back as the mask: the client did not change it.</summary>
    public static void RemoveMaskedSecrets(JsonObject patch, IReadOnlyList<string> secretPointers)
    {
        foreach (var pointer in secretPointers)
        {
            if (Find(patch, pointer) is ({ } parent, var name) && parent[name] is JsonValue value
                && value.TryGetValue<string>(out var text) && text == SettingsMasks.Secret)
            {
                parent.Remove(name);
            }
        }
    }

    /// <summary>The pointers of the members a merge patch sets or removes, innermost.</summary>
    public static IReadOnlyList<string> ChangedFields(JsonObject patch)
    {
        var fields = new List<string>();
        Collect(patch, string.Empty, fields);
        return fields;
    }

    private static void Collect(JsonObject patch, string pointer, List<string> fields)
    {
        foreach (var (name, value) in patch)
        {
            var path = $"{pointer}/{Escape(name)}";
            if (value is JsonObject { Count: > 0 } inner)
            {
                Collect(inner, path, fields);
            }
            else
            {
                fields.Add(path);
            }
        }
    }

    /// <summary>The object holding the pointer's last member, and that member's name; a null parent when a step on the way is missing.</summary>
    internal static (JsonObject? Parent, string Name) Find(JsonObject root, string pointer)
    {
        var tokens = pointer.Split('/')[1..].Select(Unescape).ToArray();
        JsonObject? current = root;
        for (var i = 0; i < tokens.Length - 1 && current is not null; i++)
        {
            current = current[tokens[i]] as JsonObject;
        }

        return (current, tokens.Length == 0 ? string.Empty : tokens[^1]);
    }

    /// <summary>A member name as a JSON Pointer token.</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>A JSON Pointer token as the member name it stands for.</summary>
    internal static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
}
