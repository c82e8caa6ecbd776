using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Cluster.Runtime.Diagnostics;

/// <summary>Writes a grain's state as the indented, redacted JSON of a <see cref="GrainStateSnapshot"/>.</summary>
public static class GrainStateJson
{
    /// <summary>Longer JSON is cut to this many characters.</summary>
    public const int MaxLength = 256 * 1024;

    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "hash", "key", "credential", "salt", "nonce"];

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

    private static bool IsSecret(string name) => SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
