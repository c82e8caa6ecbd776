using System.Text.Json;

namespace Cluster.Grains.Settings;

/// <summary>
/// Reads a merge patch of flat settings: each member is a known setting, set to a value of its type or null (back to
/// the default). Unknown members and wrong types are errors that name the setting.
/// </summary>
public sealed class SettingsPatch
{
    private readonly Dictionary<string, JsonElement> _members = new(StringComparer.Ordinal);

    private SettingsPatch()
    {
    }

    /// <summary>The errors found; the patch is applied only when there are none.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The settings the patch names, in order.</summary>
    public IReadOnlyCollection<string> Names => _members.Keys;

    /// <summary>The patch, or errors when it is not a JSON object of the <paramref name="known"/> settings.</summary>
    public static SettingsPatch Parse(string json, IReadOnlyCollection<string> known)
    {
        var patch = new SettingsPatch();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                patch.Errors.Add($"Send a JSON object of the settings to change ({string.Join(", ", known)}); null restores one.");
                return patch;
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (!known.Contains(member.Name))
                {
                    patch.Errors.Add($"'{member.Name}' is not a setting here; the settings are {string.Join(", ", known)}.");
                    continue;
                }

                patch._members[member.Name] = member.Value.Clone();
            }
        }
        catch (JsonException exception)
        {
            patch.Errors.Add($"The body is not valid JSON: {exception.Message}");
        }

        return patch;
    }

    /// <summary>Whether the patch names <paramref name="name"/>; <paramref name="value"/> is its string, or null to restore the default.</summary>
    public bool TryGetString(string name, out string? value)
    {
        value = null;
        if (!_members.TryGetValue(name, out var element))
        {
            return false;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString();
        }
        else if (element.ValueKind != JsonValueKind.Null)
        {
            Errors.Add($"'{name}' must be a string, or null to restore it.");
            return false;
        }

        return true;
    }

    /// <summary>Whether the patch names <paramref name="name"/>; <paramref name="value"/> is its integer, or null to restore the default.</summary>
    public bool TryGetInt32(string name, int min, int max, out int? value)
    {
        value = null;
        if (!_members.TryGetValue(name, out var element))
        {
            return false;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number) && number >= min && number <= max)
        {
            value = number;
        }
        else if (element.ValueKind != JsonValueKind.Null)
        {
            Errors.Add($"'{name}' must be a whole number from {min} to {max}, or null to restore the default.");
            return false;
        }

        return true;
    }
}
