using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Hosting;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Plugins;

/// <summary>How the API host forwards feature API calls to services (section <c>Plugins:Proxy</c>).</summary>
public sealed class FeatureProxyOptions
{
    public const string SectionName = "Plugins:Proxy";

    /// <summary>
    /// Paths forwarded as they are to a service, by path prefix to service id, such as
    /// <c>Plugins:Proxy:Aliases:/api/documents = doc-service</c> (the seed's document proxy): <c>/api/documents/x</c> goes to
    /// <c>{doc-service}/api/documents/x</c>. Each prefix starts with <c>/api/</c>, so an alias never reaches a service's
    /// <c>/plugin/*</c> or <c>/health</c>.
    /// </summary>
    public Dictionary<string, string> Aliases { get; set; } = [];

    /// <summary>How long connecting to a service may take before the call fails with 502; 100 ms to 1 min, default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a service may take to send its response headers before the call fails with 504; 1 s to 10 min, default
    /// 30 s. Once headers arrive there is no limit: a streamed response (SSE) lasts as long as both ends keep it open.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body forwarded, in bytes (it is streamed, never held); 1 KiB to 16 GiB, default 256 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The share of failed calls (no connection, timeout, 502–504) within the sampling period that opens a service's circuit; 0.1 to 1, default 0.5.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>The period failures are counted over; at least 5 calls in it are needed to open the circuit; 1 s to 10 min, default 30 s.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit answers 502 at once before a call is let through to try the service again; 1 s to 10 min, default 15 s.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Checks <see cref="FeatureProxyOptions"/> at start, naming the setting to fix.</summary>
public sealed class FeatureProxyOptionsValidator : IValidateOptions<FeatureProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, FeatureProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var (prefix, serviceId) in options.Aliases)
        {
            if (!prefix.StartsWith("/api/", StringComparison.Ordinal) || prefix.Length < 6 || prefix.EndsWith('/') || prefix.Contains('{', StringComparison.Ordinal)
                || prefix.StartsWith("/api/plugins", StringComparison.Ordinal))
            {
                failures.Add($"Plugins:Proxy:Aliases:{prefix} must be a path under /api/ (not /api/plugins), without a trailing '/' or route parameters, such as /api/documents.");
            }

            if (!ServiceIds.IsValid(serviceId))
            {
                failures.Add($"Plugins:Proxy:Aliases:{prefix} names '{serviceId}'; set a service id ({ServiceIds.Rule}).");
            }
        }

        OptionRange.Check(failures, options.ConnectTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), $"{FeatureProxyOptions.SectionName}:ConnectTimeout");
        OptionRange.Check(failures, options.ResponseTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{FeatureProxyOptions.SectionName}:ResponseTimeout");
        OptionRange.Check(failures, options.MaxRequestBodyBytes, 1024L, 16L * 1024 * 1024 * 1024, $"{FeatureProxyOptions.SectionName}:MaxRequestBodyBytes");
        OptionRange.Check(failures, options.CircuitFailureRatio, 0.1, 1.0, $"{FeatureProxyOptions.SectionName}:CircuitFailureRatio");
        OptionRange.Check(failures, options.CircuitSamplingDuration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{FeatureProxyOptions.SectionName}:CircuitSamplingDuration");
        OptionRange.Check(failures, options.CircuitBreakDuration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), $"{FeatureProxyOptions.SectionName}:CircuitBreakDuration");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
