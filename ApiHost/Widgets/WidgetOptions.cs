using Cluster.Grains.Outbound;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Widgets;

/// <summary>The widget bundle registry (section <c>Widgets</c>).</summary>
public sealed class WidgetOptions
{
    public const string SectionName = "Widgets";

    /// <summary>The npm registry whose package metadata names each version's tarball and integrity; default https://registry.npmjs.org/.</summary>
    public Uri Registry { get; set; } = new("https://registry.npmjs.org/");

    /// <summary>
    /// Hosts metadata and tarballs may be downloaded from (compared case-insensitively; <c>*.example.com</c> allows its
    /// subdomains); default <c>registry.npmjs.org</c>. The registry's host must be among them.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = ["registry.npmjs.org"];

    /// <summary>
    /// The npm scopes whose packages may be registered, such as <c>@acme</c>; empty, the default, allows none, so no
    /// third-party code is served until an operator names their organisation's scope.
    /// </summary>
    public List<string> AllowedScopes { get; set; } = [];

    /// <summary>Where extracted bundles are cached, relative to the working directory unless absolute; default <c>./data/widgets</c>.</summary>
    public string CacheDirectory { get; set; } = "./data/widgets";

    /// <summary>The most bytes of extracted bundles kept on disk; least recently used bundles go first. 1 MiB to 100 GiB, default 512 MiB.</summary>
    public long MaxCacheBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>The largest tarball downloaded, in bytes; 1 KiB to 1 GiB, default 20 MiB.</summary>
    public long MaxTarballBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The most bytes one bundle may extract to; 1 KiB to 10 GiB, default 100 MiB.</summary>
    public long MaxExtractedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The most files one bundle may hold; 1 to 100,000, default 5,000.</summary>
    public int MaxFiles { get; set; } = 5000;

    /// <summary>How long one download may take; 1 s to 10 min, default 60 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether each API host downloads every registered bundle into its cache when it starts; default false (on first use).</summary>
    public bool PrewarmOnStart { get; set; }

    /// <summary>Whether downloads may come from <paramref name="url"/>.</summary>
    public bool Allows(Uri url) => HostAllowList.Allows(AllowedHosts, url);
}

/// <summary>Checks <see cref="WidgetOptions"/> at start, naming the setting to fix.</summary>
public sealed class WidgetOptionsValidator : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options)
    {
        var failures = new List<string>();
        if (!options.Allows(options.Registry))
        {
            failures.Add($"Widgets:Registry is '{options.Registry}'; set an absolute http(s) URL whose host is in Widgets:AllowedHosts.");
        }

        failures.AddRange(HostAllowList.Problems(options.AllowedHosts, "Widgets:AllowedHosts"));
        foreach (var scope in options.AllowedScopes.Where(scope => !WidgetPackage.IsScope(scope)))
        {
            failures.Add($"Widgets:AllowedScopes holds '{scope}'; list npm scopes such as @acme.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("Widgets:CacheDirectory is empty; set the directory extracted bundles are cached in.");
        }

        OptionRange.Check(failures, options.MaxCacheBytes, 1024L * 1024, 100L * 1024 * 1024 * 1024, "Widgets:MaxCacheBytes");
        OptionRange.Check(failures, options.MaxTarballBytes, 1024L, 1024L * 1024 * 1024, "Widgets:MaxTarballBytes");
        OptionRange.Check(failures, options.MaxExtractedBytes, 1024L, 10L * 1024 * 1024 * 1024, "Widgets:MaxExtractedBytes");
        OptionRange.Check(failures, options.MaxFiles, 1, 100_000, "Widgets:MaxFiles");
        OptionRange.Check(failures, options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), "Widgets:RequestTimeout");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
