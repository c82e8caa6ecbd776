using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Client;

/// <summary>How a client process (an API host, a tool) reaches the silos, bound from the <c>ClusterClient</c> section.</summary>
public sealed class ClusterClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ClusterClient";

    /// <summary>
    /// Silo gateways as <c>host:port</c> (environment: <c>ClusterClient__Gateways__0=127.0.0.1:30000</c>). May be empty
    /// when gateways are discovered from the membership table.
    /// </summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>How long a call may take before the caller gets an outcome-unknown timeout. Default 30 s; from 10 ms to 1 h.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before trying a lost gateway again; doubles up to 10 s. Default 500 ms; from 10 ms to 1 min.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>Checks <see cref="ClusterClientOptions"/> at start and says which setting to change.</summary>
internal sealed class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
    {
        var failures = new List<string>();
        var prefix = ClusterClientOptions.SectionName;
        foreach (var gateway in options.Gateways)
        {
            if (!GatewayEndpoint.TryParse(gateway, out _))
            {
                failures.Add($"{prefix}:Gateways has '{gateway}', which is not host:port with a port from 1 to 65535.");
            }
        }

        if (options.ResponseTimeout < TimeSpan.FromMilliseconds(10) || options.ResponseTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}:ResponseTimeout is {options.ResponseTimeout}; set it between 00:00:00.01 and 01:00:00.");
        }

        if (options.ReconnectDelay < TimeSpan.FromMilliseconds(10) || options.ReconnectDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}:ReconnectDelay is {options.ReconnectDelay}; set it between 00:00:00.01 and 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
