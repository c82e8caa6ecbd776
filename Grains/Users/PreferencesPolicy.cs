using System.Text.Json.Nodes;
using Cluster.Grains.Interfaces.Users;
using Cluster.Grains.Plugins;

namespace Cluster.Grains.Users;

/// <summary>The administrators' defaults and locked keys applied to a user's UI preferences.</summary>
public static class PreferencesPolicy
{
    /// <summary>The preferences in effect: <paramref name="own"/> over the defaults, each locked key as the defaults have it.</summary>
    public static JsonObject Apply(PreferencesPolicyInfo policy, JsonObject own)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var defaults = JsonNode.Parse(policy.DefaultsJson) as JsonObject ?? [];
        var effective = (JsonObject)JsonMergePatch.Apply(defaults, own)!;
        foreach (var pointer in policy.LockedKeys)
        {
            var (parent, name) = SettingsDocument.Find(effective, pointer);
            var (defaultParent, defaultName) = SettingsDocument.Find(defaults, pointer);
            if (defaultParent?[defaultName] is { } value)
            {
                EnsureParents(effective, pointer)[name] = value.DeepClone();
            }
            else
            {
                parent?.Remove(name);
            }
        }

        return effective;
    }

    /// <summary>The locked keys <paramref name="patch"/> would change (a key itself, or anything inside or around it).</summary>
    public static IReadOnlyList<string> LockedIn(PreferencesPolicyInfo policy, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var changed = SettingsDocument.ChangedFields(patch);
        return [.. policy.LockedKeys.Where(locked => changed.Any(field =>
            field == locked || field.StartsWith(locked + "/", StringComparison.Ordinal) || locked.StartsWith(field + "/", StringComparison.Ordinal)))];
    }

    /// <summary>What is wrong with <paramref name="pointer"/> as a locked key; null when it is a JSON Pointer to a member.</summary>
    public static string? ProblemOf(string pointer) =>
        pointer.Length is < 2 or > 200 || pointer[0] != '/' || pointer.Split('/')[1..].Any(token => token.Length == 0)
            ? $"'{pointer}' is not a locked key; give a JSON Pointer to a member, such as /theme or /layout/density."
            : null;

    // The object that holds the pointer's last member, made on the way where the user's document lacks it.
    private static JsonObject EnsureParents(JsonObject root, string pointer)
    {
        var tokens = pointer.Split('/')[1..];
        var current = root;
        foreach (var token in tokens[..^1])
        {
            var name = SettingsDocument.Unescape(token);
            if (current[name] is not JsonObject next)
            {
                next = [];
                current[name] = next;
            }

            current = next;
        }

        return current;
    }
}
