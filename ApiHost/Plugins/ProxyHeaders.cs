using Cluster.ApiHost.Hosting;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Plugins;

/// <summary>Which headers the feature proxy passes on, and which it never does.</summary>
public static class ProxyHeaders
{
    /// <summary>The caller's user id, set by the proxy.</summary>
    public const string UserId = "x-user-id";

    /// <summary>The caller's group names, each percent-encoded, joined by ',', set by the proxy.</summary>
    public const string UserGroups = "x-user-groups";

    /// <summary>The caller's role (<c>user</c> or <c>admin</c>), set by the proxy.</summary>
    public const string UserRole = "x-user-role";

    // RFC 9110 §7.6.1 hop-by-hop fields, which end at each connection.
    private static readonly string[] HopByHop =
    [
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.ProxyAuthenticate, HeaderNames.ProxyAuthorization,
        HeaderNames.TE, HeaderNames.Trailer, HeaderNames.TransferEncoding, HeaderNames.Upgrade, "Proxy-Connection",
    ];

    // Besides hop-by-hop: the platform's credentials, framing the outgoing connection decides, and what the proxy sets.
    private static readonly HashSet<string> NeverForwarded = new(
        [.. HopByHop, HeaderNames.Host, HeaderNames.Authorization, HeaderNames.Cookie, HeaderNames.ContentLength,
            "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded", CorrelationId.HeaderName],
        StringComparer.OrdinalIgnoreCase);

    // Besides hop-by-hop: cookies (they would land on the platform's site, beside its session cookies) and the headers
    // the platform sets for every answer (SecurityHeaders, CORS), which a service's page must not weaken.
    private static readonly HashSet<string> NeverReturned = new(
        [.. HopByHop, HeaderNames.SetCookie, HeaderNames.ContentSecurityPolicy, "Content-Security-Policy-Report-Only", HeaderNames.XFrameOptions,
            HeaderNames.XContentTypeOptions, "Referrer-Policy", HeaderNames.StrictTransportSecurity, "Permissions-Policy",
            "Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy", "Cross-Origin-Resource-Policy", HeaderNames.CacheControl],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a request header goes to the service: not hop-by-hop, not named by <c>Connection</c>, not the caller's
    /// credentials, and no <c>x-user-*</c> header, which only the proxy sets (a client's would spoof an identity).
    /// </summary>
    public static bool IsForwarded(string name, IReadOnlySet<string> connectionTokens) =>
        !NeverForwarded.Contains(name) && !connectionTokens.Contains(name)

        // Servers behind CGI/WSGI read x_user_id as x-user-id.
        && !name.Replace('_', '-').StartsWith("x-user-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a response header goes back to the client: not hop-by-hop, no <c>Set-Cookie</c>, none of the security,
    /// caching and CORS headers the platform sets itself.
    /// </summary>
    public static bool IsReturned(string name, IReadOnlySet<string> connectionTokens) =>
        !NeverReturned.Contains(name) && !connectionTokens.Contains(name) && !name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header names listed in <c>Connection</c>, which are hop-by-hop too.</summary>
    public static IReadOnlySet<string> ConnectionTokens(IEnumerable<string?> connectionValues) =>
        connectionValues.SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
}
