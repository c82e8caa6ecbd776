using System.Net;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Hosting;

/// <summary>The HTTP edge: which browser origins, proxies and body sizes the API accepts (<c>Hosting:Http</c>).</summary>
public sealed class HttpSecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hosting:Http";

    /// <summary>
    /// Browser origins allowed to call the API with credentials (CORS), and to send cookie-authenticated unsafe
    /// requests (CSRF check). Each is <c>scheme://host[:port]</c>; a wildcard is refused. Default the chat frontend's
    /// development origin, <c>http://localhost:3001</c>. Binding a list from configuration replaces the default.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = ["http://localhost:3001"];

    /// <summary>The largest request body accepted, in bytes; larger ones get 413. Default 1 MiB; from 1 KiB to 100 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (the client
    /// address decides rate limits and audit records). Default none besides loopback.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks of trusted reverse proxies in CIDR form, such as <c>10.0.0.0/8</c>. Default none.</summary>
    public List<string> TrustedNetworks { get; set; } = [];
}

/// <summary>Checks <see cref="HttpSecurityOptions"/> at start and says which setting to change.</summary>
internal sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSecurityOptions options)
    {
        var section = HttpSecurityOptions.SectionName;
        var failures = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (origin.Contains('*', StringComparison.Ordinal))
            {
                failures.Add($"{section}:{nameof(HttpSecurityOptions.AllowedOrigins)} contains '{origin}'; a wildcard would let any site call the API with the user's cookies. List each origin, such as https://app.example.com.");
            }
            else if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                failures.Add($"{section}:{nameof(HttpSecurityOptions.AllowedOrigins)} contains '{origin}'; write an origin as scheme://host[:port] with no path, such as https://app.example.com.");
            }
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 100 * 1024 * 1024)
        {
            failures.Add($"{section}:{nameof(HttpSecurityOptions.MaxRequestBodyBytes)} is {options.MaxRequestBodyBytes}; set it between 1024 and 104857600.");
        }

        failures.AddRange(options.TrustedProxies.Where(proxy => !IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"{section}:{nameof(HttpSecurityOptions.TrustedProxies)} contains '{proxy}'; write IP addresses such as 10.0.0.5."));
        failures.AddRange(options.TrustedNetworks.Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => $"{section}:{nameof(HttpSecurityOptions.TrustedNetworks)} contains '{network}'; write networks in CIDR form such as 10.0.0.0/8."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
