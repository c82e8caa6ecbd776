using Cluster.Grains.Interfaces.Configs;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Configs;

/// <summary>Versioned configurations (section <c>Configs</c>).</summary>
public sealed class ConfigOptions
{
    public const string SectionName = "Configs";

    /// <summary>
    /// Inactive versions kept per configuration besides the active and last known good ones; older ones are deleted by the
    /// next save. 1 to 10,000, default 50.
    /// </summary>
    public int Retention { get; set; } = 50;

    /// <summary>
    /// Configurations saved as version 1.0.0 when they have no version yet (a cluster's first start), by name. The default
    /// bootstraps <c>endpoints</c> from the files shipped in <c>config/</c>.
    /// </summary>
    public Dictionary<string, ConfigBootstrapOptions> Bootstrap { get; set; } = new(StringComparer.Ordinal)
    {
        [ConfigNames.Endpoints] = new() { DocumentFile = "config/endpoints.json", SchemaFile = "config/endpoints.schema.json" },
    };
}

/// <summary>The files a configuration starts from.</summary>
public sealed class ConfigBootstrapOptions
{
    /// <summary>
    /// The first version's document: a JSON file, relative to the application's directory unless absolute; empty
    /// bootstraps nothing (how to turn off the default <c>endpoints</c> bootstrap).
    /// </summary>
    public string DocumentFile { get; set; } = string.Empty;

    /// <summary>The JSON Schema its versions must satisfy; none when empty.</summary>
    public string? SchemaFile { get; set; }

    /// <summary>The values of the <c>${VAR}</c> references in its documents.</summary>
    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A path of these options resolved against the application's directory.</summary>
    public static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>Checks <see cref="ConfigOptions"/> at start, naming the setting to fix.</summary>
public sealed class ConfigOptionsValidator : IValidateOptions<ConfigOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfigOptions options)
    {
        var failures = new List<string>();
        OptionRange.Check(failures, options.Retention, 1, 10_000, "Configs:Retention");
        foreach (var (config, bootstrap) in options.Bootstrap)
        {
            var key = $"Configs:Bootstrap:{config}";
            if (!ConfigNames.IsValid(config))
            {
                failures.Add($"{key}: '{config}' is not a configuration name; use lower-case letters, digits and single dashes, starting with a letter.");
            }

            if (!string.IsNullOrWhiteSpace(bootstrap.DocumentFile) && !File.Exists(ConfigBootstrapOptions.Resolve(bootstrap.DocumentFile)))
            {
                failures.Add($"{key}:DocumentFile is '{bootstrap.DocumentFile}', which is not a file; set the path of the first version's JSON document, or leave it empty to bootstrap nothing.");
            }

            if (!string.IsNullOrWhiteSpace(bootstrap.SchemaFile) && !File.Exists(ConfigBootstrapOptions.Resolve(bootstrap.SchemaFile)))
            {
                failures.Add($"{key}:SchemaFile is '{bootstrap.SchemaFile}', which is not a file; set the path of a JSON Schema, or leave it empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
