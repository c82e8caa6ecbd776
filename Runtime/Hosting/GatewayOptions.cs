using System.Net;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Hosting;

/// <summary>Where a silo accepts connections from clients (API hosts, tools), bound from the <c>Gateway</c> section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway";

    /// <summary>
    /// The IP address to listen on. Default <c>127.0.0.1</c> (this machine only); set <c>0.0.0.0</c> in containers.
    /// </summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP port. Default 30000; from 0 (any free port, for tests) to 65535.</summary>
    public int Port { get; set; } = 30000;

    /// <summary>
    /// The host name or address other silos and clients use to reach this silo, written to the membership table.
    /// Default empty: the listen address, or, when listening on all addresses (0.0.0.0), the machine's first non-loopback
    /// IPv4 address, which containers on one network reach. At most 253 characters, without spaces, '@' or '/'.
    /// </summary>
    public string AdvertisedHost { get; set; } = string.Empty;
}

/// <summary>Checks <see cref="GatewayOptions"/> at start and says which setting to change.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.ListenAddress)} is '{options.ListenAddress}'; set an IP address such as 127.0.0.1 or 0.0.0.0.");
        }

        if (options.AdvertisedHost.Length > 253 || options.AdvertisedHost.Any(c => char.IsWhiteSpace(c) || c is '@' or '/'))
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.AdvertisedHost)} is '{options.AdvertisedHost}'; set a host name or IP address other processes can resolve, or leave it empty.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{GatewayOptions.SectionName}:{nameof(GatewayOptions.Port)} is {options.Port}; set a TCP port from 0 to 65535.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
