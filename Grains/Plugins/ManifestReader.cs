using System.Text.Json;
using Cluster.Grains.Interfaces.Plugins;
using NJsonSchema;

namespace Cluster.Grains.Plugins;

/// <summary>
/// Reads and checks a feature service's <c>GET /plugin/manifest</c> answer. A broken manifest is reported with a
/// message that tells the service's author what to fix; it never throws.
/// </summary>
public static class ManifestReader
{
    private const int MaxNameLength = 100;
    private const int MaxVersionLength = 50;
    private const int MaxDescriptionLength = 2_000;
    private const int MaxRequiredGroups = 50;
    private const int MaxGroupNameLength = 100;

    /// <summary>The manifest, or why it is refused.</summary>
    public static async Task<(PluginManifestInfo? Manifest, string? Error)> ReadAsync(string serviceId, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            return (null, $"The manifest is not valid JSON: {exception.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The manifest must be a JSON object.");
            }

            if (!TryString(root, "id", required: true, ServiceIds.MaxLength, out var id, out var error)
                || !TryString(root, "name", required: true, MaxNameLength, out var name, out error)
                || !TryString(root, "version", required: true, MaxVersionLength, out var version, out error)
                || !TryString(root, "description", required: false, MaxDescriptionLength, out var description, out error))
            {
                return (null, error);
            }

            if (id != serviceId)
            {
                return (null, $"The manifest's id is '{id}' but the service is registered as '{serviceId}'; they must be equal.");
            }

            if (!TryObject(root, "ui", out var ui, out error) || !TryObject(root, "settings_schema", out var schema, out error))
            {
                return (null, error);
            }

            var (access, accessError) = ReadAccess(root);
            if (accessError is not null)
            {
                return (null, accessError);
            }

            var secrets = new List<string>();
            if (schema is not null)
            {
                // NJsonSchema would fetch a remote $ref: the silo must not make requests a manifest asks for.
                if (HasRemoteReference(root.GetProperty("settings_schema")))
                {
                    return (null, "settings_schema may only use local references ($ref starting with '#').");
                }

                try
                {
                    await JsonSchema.FromJsonAsync(schema);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    return (null, $"settings_schema is not a usable JSON Schema: {exception.Message}");
                }

                var schemaElement = root.GetProperty("settings_schema");
                CollectSecrets(schemaElement, string.Empty, secrets);

                // A secret the platform cannot point to would be shown in clear: refuse the manifest instead.
                if (CountSecretMarks(schemaElement) != secrets.Count)
                {
                    return (null, "settings_schema marks a secret that is not under nested 'properties' ($ref, allOf, items or additionalProperties); declare secret fields directly under properties.");
                }
            }

            return (new PluginManifestInfo(id!, name!, version!, description ?? string.Empty, schema, secrets, ui, access!), null);
        }
    }

    private static bool TryString(JsonElement root, string property, bool required, int maxLength, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"The manifest has no '{property}'; add it as a string." : null;
            return !required;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"The manifest's '{property}' is {element.ValueKind.ToString().ToLowerInvariant()}; it must be a string.";
            return false;
        }

        value = element.GetString()!;
        if ((required && value.Trim().Length == 0) || value.Length > maxLength)
        {
            error = $"The manifest's '{property}' must have 1 to {maxLength} characters.";
            return false;
        }

        return true;
    }

    private static bool TryObject(JsonElement root, string property, out string? json, out string? error)
    {
        json = null;
        error = null;
        if (!root.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"The manifest's '{property}' must be a JSON object.";
            return false;
        }

        json = element.GetRawText();
        return true;
    }

    private static (PluginAccessRules? Access, string? Error) ReadAccess(JsonElement root)
    {
        if (!root.TryGetProperty("access", out var access) || access.ValueKind == JsonValueKind.Null)
        {
            return (PluginAccessRules.Everyone, null);
        }

        if (access.ValueKind != JsonValueKind.Object)
        {
            return (null, "The manifest's 'access' must be an object with 'allow_superuser' (boolean) and 'required_groups' (array of group names).");
        }

        var allowSuperuser = true;
        if (access.TryGetProperty("allow_superuser", out var allow))
        {
            if (allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, "access.allow_superuser must be true or false.");
            }

            allowSuperuser = allow.GetBoolean();
        }

        var groups = new List<string>();
        if (access.TryGetProperty("required_groups", out var required) && required.ValueKind != JsonValueKind.Null)
        {
            if (required.ValueKind != JsonValueKind.Array || required.GetArrayLength() > MaxRequiredGroups)
            {
                return (null, $"access.required_groups must be an array of at most {MaxRequiredGroups} group names.");
            }

            foreach (var group in required.EnumerateArray())
            {
                var groupName = group.ValueKind == JsonValueKind.String ? group.GetString()!.Trim() : string.Empty;
                if (groupName.Length is 0 or > MaxGroupNameLength)
                {
                    return (null, $"access.required_groups must hold group names of 1 to {MaxGroupNameLength} characters.");
                }

                groups.Add(groupName);
            }
        }

        return (new PluginAccessRules(allowSuperuser, groups), null);
    }

    internal static bool HasRemoteReference(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(property =>
            (property.Name == "$ref" && (property.Value.ValueKind != JsonValueKind.String || !property.Value.GetString()!.StartsWith('#')))
            || HasRemoteReference(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(HasRemoteReference),
        _ => false,
    };

    private static int CountSecretMarks(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(property =>
            (property.Name == "secret" && property.Value.ValueKind == JsonValueKind.True ? 1 : 0) + CountSecretMarks(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().Sum(CountSecretMarks),
        _ => 0,
    };

    // Secrets are found under "properties", however deep the objects nest; arrays of secrets are not supported.
    private static void CollectSecrets(JsonElement schema, string pointer, List<string> secrets)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in properties.EnumerateObject())
        {
            var path = $"{pointer}/{SettingsDocument.Escape(property.Name)}";
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("secret", out var secret) && secret.ValueKind == JsonValueKind.True)
            {
                secrets.Add(path);
            }
            else
            {
                CollectSecrets(property.Value, path, secrets);
            }
        }
    }
}
