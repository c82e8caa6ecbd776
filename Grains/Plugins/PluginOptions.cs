using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Plugins;

/// <summary>Feature services and how the silos watch them (section <c>Plugins</c>).</summary>
public sealed class PluginOptions
{
    public const string SectionName = "Plugins";

    /// <summary>
    /// Services registered when a silo starts, by id (<see cref="ServiceIds.Rule"/>) to base URL, such as
    /// <c>Plugins:Services:doc-service = http://doc-service:8001/</c>. Removing one here does not unregister it: use
    /// <c>DELETE /api/admin/services/{id}</c>.
    /// </summary>
    public Dictionary<string, string> Services { get; set; } = [];

    /// <summary>Time between two health checks of a service (and manifest fetches); 1 s to 1 h, default 30 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one request to a service (health, manifest, settings) may take; 100 ms to 12 s, default 5 s. The bound
    /// keeps a registration or settings change (two requests in one grain call) within the 30 s grain call timeout.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest manifest accepted, in bytes; 1 KiB to 4 MiB, default 256 KiB.</summary>
    public int MaxManifestBytes { get; set; } = 256 * 1024;

    /// <summary>The largest settings document read from or sent to a service, in bytes; 1 KiB to 4 MiB, default 256 KiB.</summary>
    public int MaxSettingsBytes { get; set; } = 256 * 1024;
}

/// <summary>Checks <see cref="PluginOptions"/> at start, naming the setting to fix.</summary>
public sealed class PluginOptionsValidator : IValidateOptions<PluginOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, url) in options.Services)
        {
            if (!ServiceIds.IsValid(id))
            {
                failures.Add($"Plugins:Services:{id} is not a valid service id; use {ServiceIds.Rule}.");
            }

            if (!ServiceUrls.TryNormalize(url, out _))
            {
                failures.Add($"Plugins:Services:{id} is '{url}'; set an absolute http or https URL, such as http://doc-service:8001/.");
            }
        }

        OptionRange.Check(failures, options.HealthCheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), "Plugins:HealthCheckInterval");
        OptionRange.Check(failures, options.RequestTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(12), "Plugins:RequestTimeout");
        OptionRange.Check(failures, options.MaxManifestBytes, 1024, 4 * 1024 * 1024, "Plugins:MaxManifestBytes");
        OptionRange.Check(failures, options.MaxSettingsBytes, 1024, 4 * 1024 * 1024, "Plugins:MaxSettingsBytes");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
