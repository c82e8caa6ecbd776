using System.Text;
using System.Text.Json;
using Cluster.Grains.Interfaces.Configs;
using Cluster.Grains.Plugins;
using NJsonSchema;

namespace Cluster.Grains.Configs;

/// <summary>A configuration's JSON Schema, loaded once per text.</summary>
public sealed class ConfigSchema
{
    private (string Text, JsonSchema Schema)? _loaded;

    /// <summary>Whether <paramref name="schemaJson"/> is a schema configurations can use; the reason when it is not.</summary>
    public static async Task<string?> ProblemOfAsync(string schemaJson)
    {
        if (Encoding.UTF8.GetByteCount(schemaJson) > ConfigLimits.MaxSchemaBytes)
        {
            return $"The schema takes more than {ConfigLimits.MaxSchemaBytes} bytes.";
        }

        try
        {
            using var parsed = JsonDocument.Parse(schemaJson);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The schema must be a JSON object.";
            }

            // NJsonSchema would fetch a remote $ref: the silo must not make requests a schema asks for.
            if (ManifestReader.HasRemoteReference(parsed.RootElement))
            {
                return "The schema may only use local references ($ref starting with '#').";
            }

            await JsonSchema.FromJsonAsync(schemaJson);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return $"The schema is not a usable JSON Schema: {exception.Message}";
        }
    }

    /// <summary>Each violation of <paramref name="schemaJson"/> by the document, as <c>path: problem</c>; empty when it conforms.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(string schemaJson, string documentJson)
    {
        if (_loaded is not { } loaded || loaded.Text != schemaJson)
        {
            loaded = (schemaJson, await JsonSchema.FromJsonAsync(schemaJson));
            _loaded = loaded;
        }

        return [.. loaded.Schema.Validate(documentJson).Select(error => $"{(string.IsNullOrEmpty(error.Path) ? "#" : error.Path)}: {error.Kind}")];
    }
}
