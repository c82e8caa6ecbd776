using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Cluster.ApiHost.Tests.Configuration;

/// <summary>
/// Writes docs/configuration.md from the options classes themselves: every class with a <c>SectionName</c> in the
/// cluster's assemblies, each settable property with its default (read from a new instance) and its XML summary.
/// </summary>
public static partial class ConfigurationReference
{
    private static readonly string[] Assemblies = ["Cluster.Runtime", "Cluster.Grains", "Cluster.Dashboard", "Cluster.ApiHost"];

    public static string Generate()
    {
        var text = new StringBuilder();
        text.Append("# Configuration reference\n\n");
        text.Append("Every setting of the silos and API hosts, generated from the options classes (their defaults and documentation)\n");
        text.Append("by `UPDATE_CONFIGURATION_REFERENCE=1 dotnet test tests/ApiHost.Tests --filter ConfigurationReferenceTests`;\n");
        text.Append("a test fails when this file and the code differ. Keys are `Section:Property` in appsettings.json, or\n");
        text.Append("`Section__Property` as environment variables; each class validates its values when the host starts and names\n");
        text.Append("the setting to fix. Durations are `hh:mm:ss` (or `d.hh:mm:ss`).\n");
        foreach (var type in OptionsTypes())
        {
            var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
            var docs = Documentation(type.Assembly);
            text.Append(CultureInfo.InvariantCulture, $"\n## `{section}`\n\n");
            if (docs.GetValueOrDefault($"T:{type.FullName}") is { Length: > 0 } summary)
            {
                text.Append(summary).Append(" (`").Append(type.Name).Append("`)\n\n");
            }

            text.Append("| Key | Default | Meaning |\n|---|---|---|\n");
            WriteProperties(text, section, type, Activator.CreateInstance(type)!);
        }

        return text.ToString();
    }

    // A property holding an options object of its own is followed by its properties, one level of keys down.
    private static void WriteProperties(StringBuilder text, string prefix, Type type, object instance)
    {
        var docs = Documentation(type.Assembly);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite && property.GetSetMethod() is not null).OrderBy(property => property.MetadataToken))
        {
            var meaning = docs.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}") ?? string.Empty;
            var value = property.GetValue(instance);
            var key = $"{prefix}:{property.Name}";
            if (value is not null && IsNested(property.PropertyType))
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{key}` | (below) | {Cell(meaning)} |\n");
                WriteProperties(text, key, property.PropertyType, value);
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"| `{key}` | {Cell(Render(value))} | {Cell(meaning)} |\n");
        }
    }

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type) && Assemblies.Contains(type.Assembly.GetName().Name);

    /// <summary>The options classes, by section name.</summary>
    public static IReadOnlyList<Type> OptionsTypes() =>
        [.. Assemblies.Select(Assembly.Load)
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null
                && type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .OrderBy(type => (string)type.GetField("SectionName")!.GetRawConstantValue()!, StringComparer.Ordinal)];

    private static string Render(object? value) => value switch
    {
        null => "none",
        string { Length: 0 } => "empty",
        string text => $"`{text}`",
        bool flag => flag ? "true" : "false",
        TimeSpan span => $"`{span.ToString("c", CultureInfo.InvariantCulture)}`",
        Enum or Uri => $"`{value}`",
        IFormattable number when value.GetType().IsPrimitive || value is decimal => $"`{number.ToString(null, CultureInfo.InvariantCulture)}`",
        IDictionary { Count: 0 } or ICollection { Count: 0 } => "none",
        IDictionary dictionary => string.Join(", ", dictionary.Keys.Cast<object>().Select(key => $"`{key}`")),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Render)),
        _ => $"(a `{value.GetType().Name}`)",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static readonly Dictionary<Assembly, Dictionary<string, string>> DocumentationByAssembly = [];

    private static Dictionary<string, string> Documentation(Assembly assembly)
    {
        lock (DocumentationByAssembly)
        {
            if (!DocumentationByAssembly.TryGetValue(assembly, out var docs))
            {
                DocumentationByAssembly[assembly] = docs = ReadDocumentation(assembly);
            }

            return docs;
        }
    }

    private static Dictionary<string, string> ReadDocumentation(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        var members = XDocument.Load(path).Descendants("member");
        return members
            .Where(member => member.Element("summary") is not null)
            .ToDictionary(member => (string)member.Attribute("name")!, member => Flatten(member.Element("summary")!), StringComparer.Ordinal);
    }

    // The summary as one line of Markdown: <c> and <see> become code, whitespace collapses.
    private static string Flatten(XElement summary)
    {
        var text = new StringBuilder();
        foreach (var node in summary.Nodes())
        {
            text.Append(node switch
            {
                XText plain => plain.Value,
                XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
                XElement { Name.LocalName: "see" } see when see.Attribute("cref") is { } cref => $"`{cref.Value[(cref.Value.LastIndexOf('.') + 1)..]}`",
                XElement { Name.LocalName: "see" } see when see.Attribute("langword") is { } word => $"`{word.Value}`",
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{reference.Attribute("name")?.Value}`",
                XElement element => element.Value,
                _ => string.Empty,
            });
        }

        return Whitespace().Replace(text.ToString(), " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
