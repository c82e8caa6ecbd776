using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cluster.Grains.Interfaces.Configs;

namespace Cluster.Grains.Configs;

/// <summary>Configuration documents: reading, the form diffs compare, and <c>${VAR}</c> resolution.</summary>
public static partial class ConfigDocument
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as a JSON object, or the reason it is not one a configuration can hold.</summary>
    public static (JsonObject? Document, string? Error) Read(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > ConfigLimits.MaxDocumentBytes)
        {
            return (null, $"The document takes more than {ConfigLimits.MaxDocumentBytes} bytes; split the configuration or trim it.");
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject document
                ? (document, null)
                : (null, "The document must be a JSON object.");
        }
        catch (JsonException exception)
        {
            return (null, $"The document is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>The document indented two spaces a level, one member per line: the text diffs compare.</summary>
    public static string Pretty(string json) => JsonNode.Parse(json)?.ToJsonString(Indented) ?? "null";

    /// <summary>
    /// The document with each <c>${NAME}</c> in its strings replaced by the variable's value (never in member names, and
    /// never as raw JSON, so a value cannot change the document's shape); <c>$${NAME}</c> stands for a literal <c>${NAME}</c>.
    /// </summary>
    public static (string Json, IReadOnlyList<string> Unresolved) Resolve(string json, IReadOnlyDictionary<string, string> variables)
    {
        var document = JsonNode.Parse(json);
        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        var resolved = ResolveNode(document, variables, unresolved);
        return (resolved?.ToJsonString() ?? "null", [.. unresolved]);
    }

    /// <summary>Whether <paramref name="name"/> can be referenced as <c>${name}</c>.</summary>
    public static bool IsVariableName(string name) => VariableName().IsMatch(name);

    private static JsonNode? ResolveNode(JsonNode? node, IReadOnlyDictionary<string, string> variables, SortedSet<string> unresolved)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    copy[name] = ResolveNode(value, variables, unresolved);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => ResolveNode(item, variables, unresolved))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return text.Contains("${", StringComparison.Ordinal) ? JsonValue.Create(Substitute(text, variables, unresolved)) : value.DeepClone();
            default:
                return node?.DeepClone();
        }
    }

    private static string Substitute(string text, IReadOnlyDictionary<string, string> variables, SortedSet<string> unresolved) =>
        Reference().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (match.Groups["escape"].Success)
            {
                return match.Value[1..];
            }

            if (variables.TryGetValue(name, out var value))
            {
                return value;
            }

            unresolved.Add(name);
            return match.Value;
        });

    [GeneratedRegex(@"(?<escape>\$)?\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
