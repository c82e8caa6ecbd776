using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Cluster.Runtime.Diagnostics;

/// <summary>Writes a grain's state as the indented, redacted JSON of a <see cref="GrainStateSnapshot"/>.</summary>
public static partial class GrainStateJson
{
    /// <summary>Longer JSON is cut to this many characters.</summary>
    public const int MaxLength = 256 * 1024;


    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        MaxDepth = 64,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The snapshot of <paramref name="state"/>; a state that cannot be written as JSON says why instead.</summary>
    public static GrainStateSnapshot Describe<TState>(string stateName, string storageName, TState state, string? etag, bool recordExists)
    {
        string json;
        try
        {
            var node = JsonSerializer.SerializeToNode(state, Options);
            Redact(node);
            json = node?.ToJsonString(Options) ?? "null";
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            json = JsonSerializer.Serialize(new { error = $"The state of type {typeof(TState).Name} cannot be shown as JSON: {exception.Message}" }, Options);
        }

        var truncated = json.Length > MaxLength;
        return new GrainStateSnapshot(stateName, storageName, recordExists, etag, truncated ? json[..MaxLength] : json, truncated);
    }

    // By name, not by value: a hash or key looks like any other string, and an administrator needs to see the shape of
    // the state, not its credentials.
    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject value:
                foreach (var (name, child) in value.ToList())
                {
                    if (child is JsonValue && IsSecret(name))
                    {
                        value[name] = LogRedaction.Mask;
                    }
                    else
                    {
                        Redact(child);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Redact(item);
                }

                break;
        }
    }

    // "Tokens" and "keys" in the plural count or list things (a message's input tokens), they are not one credential.
    [GeneratedRegex("password|passwd|secret|hash|credential|salt|nonce|token(?!s)|key(?!s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    private static bool IsSecret(string name) => SecretName().IsMatch(name);
}
