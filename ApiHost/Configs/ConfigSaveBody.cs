using System.Text.Json;

namespace Cluster.ApiHost.Configs;

/// <summary>
/// The body of <c>POST /api/config/{name}</c> and <c>/diff</c>: either <c>{config, version?, activate?, message?}</c>
/// (<c>{config, baseVersion?}</c> for a diff), or the raw document itself (saved with an auto-bumped version and
/// activated). An object is the wrapped form when it has a <c>config</c> object and no other members than those.
/// </summary>
public sealed record ConfigSaveBody(string DocumentJson, string? Version, bool Activate, string? Message, string? BaseVersion)
{
    private static readonly HashSet<string> WrapperMembers = new(StringComparer.Ordinal) { "config", "version", "activate", "message", "baseVersion" };

    /// <summary>The body read, or what is wrong with it.</summary>
    public static (ConfigSaveBody? Body, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "Send the configuration as a JSON object, or {\"config\": {...}, \"version\": \"1.2.3\", \"activate\": true, \"message\": \"why\"}.");
        }

        var wrapped = body.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && body.EnumerateObject().All(member => WrapperMembers.Contains(member.Name));
        if (!wrapped)
        {
            return (new ConfigSaveBody(body.GetRawText(), null, true, null, null), null);
        }

        var (version, versionError) = OptionalString(body, "version");
        var (message, messageError) = OptionalString(body, "message");
        var (baseVersion, baseError) = OptionalString(body, "baseVersion");
        if ((versionError ?? messageError ?? baseError) is { } error)
        {
            return (null, error);
        }

        var activate = true;
        if (body.TryGetProperty("activate", out var activateElement) && activateElement.ValueKind != JsonValueKind.Null)
        {
            if (activateElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, "'activate' must be true or false.");
            }

            activate = activateElement.GetBoolean();
        }

        return (new ConfigSaveBody(config.GetRawText(), version, activate, message, baseVersion), null);
    }

    private static (string? Value, string? Error) OptionalString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null
            ? (null, null)
            : element.ValueKind == JsonValueKind.String ? (element.GetString(), null) : (null, $"'{name}' must be a string.");
}
