using System.Net;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Diagnostics;

/// <summary>The <c>/metrics</c> endpoint of silos and API hosts (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Metrics";

    /// <summary>Whether <see cref="Path"/> is served; default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The path of the Prometheus text endpoint; default <c>/metrics</c>.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// How long collection goes on after the last scrape or dashboard sample; then the collector stops listening, so
    /// the instruments cost nothing again, and its totals start from zero at the next collection (Prometheus reads that
    /// as a counter reset). Default 10 minutes, from 1 minute to 1 day; <c>00:00:00</c> keeps collecting for good.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The networks scrapers may call from when <see cref="AllowedNetworks"/> names none: this machine only.</summary>
    public static readonly IReadOnlyList<string> LoopbackNetworks = ["127.0.0.0/8", "::1/128"];

    /// <summary>The meters collected when <see cref="Meters"/> names none.</summary>
    public static readonly IReadOnlyList<string> DefaultMeters =
        ["Cluster.*", "System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    /// <summary>
    /// The networks scrapers may call from, in CIDR notation, such as the monitoring network's 10.20.0.0/16; none given
    /// (the default) means <see cref="LoopbackNetworks"/>, so no other machine sees the figures until an operator says
    /// which may (private ranges are no safe default: load balancers and container proxies relay from them). A list
    /// given replaces the default. Requests with no peer address (a Unix socket behind a proxy) are refused.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Whether any address may scrape (then protect the endpoint with <see cref="BearerToken"/>); default false.</summary>
    public bool AllowAnyNetwork { get; set; }

    /// <summary>
    /// When set (at least 16 characters), scrapers must also send <c>Authorization: Bearer</c> with it (Prometheus's
    /// <c>authorization.credentials</c>); default none.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// The meters collected: names, or prefixes ending in <c>*</c>. None given (the default) means
    /// <see cref="DefaultMeters"/>: the cluster's own (<c>Cluster.*</c>), the .NET runtime's (<c>System.Runtime</c>: CPU,
    /// memory, GC, thread pool) and ASP.NET Core's requests and connections. A list given replaces them.
    /// </summary>
    public List<string> Meters { get; set; } = [];

    /// <summary>The meters collected, defaults applied.</summary>
    public IReadOnlyList<string> EffectiveMeters => Meters.Count > 0 ? Meters : DefaultMeters;

    // Empty: every address may scrape.
    internal IReadOnlyList<IPNetwork> Networks() =>
        AllowAnyNetwork ? [] : [.. (AllowedNetworks.Count > 0 ? AllowedNetworks : LoopbackNetworks).Select(network => IPNetwork.Parse(network))];
}

/// <summary>Checks <see cref="MetricsOptions"/> at start, naming the setting to fix.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.Path.StartsWith('/') || options.Path.Contains('{', StringComparison.Ordinal))
        {
            failures.Add($"Metrics:Path is '{options.Path}'; set a path starting with '/', such as /metrics.");
        }

        failures.AddRange(options.AllowedNetworks.Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => $"Metrics:AllowedNetworks holds '{network}'; list networks in CIDR notation, such as 10.0.0.0/8."));
        if (options.BearerToken is { } token && token.Length < 16)
        {
            failures.Add("Metrics:BearerToken is shorter than 16 characters; set a long random secret, or leave it out.");
        }

        if (options.IdleTimeout != TimeSpan.Zero && (options.IdleTimeout < TimeSpan.FromMinutes(1) || options.IdleTimeout > TimeSpan.FromDays(1)))
        {
            failures.Add($"Metrics:IdleTimeout is {options.IdleTimeout}; set it between 00:01:00 and 1.00:00:00, or to 00:00:00 to collect for good.");
        }

        if (options.Meters.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Metrics:Meters holds an empty name; list meter names or prefixes ending in '*'.");
        }

        if (options.AllowAnyNetwork && options.AllowedNetworks.Count > 0)
        {
            failures.Add("Metrics:AllowAnyNetwork is true and Metrics:AllowedNetworks lists networks; set one of them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
