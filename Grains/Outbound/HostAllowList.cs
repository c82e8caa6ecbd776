namespace Cluster.Grains.Outbound;

/// <summary>
/// The host names outbound requests may go to, as operators list them: exact names compared case-insensitively, and
/// <c>*.example.com</c> for the subdomains of example.com (not example.com itself).
/// </summary>
public static class HostAllowList
{
    /// <summary>Whether <paramref name="host"/> is one of <paramref name="allowed"/>.</summary>
    public static bool Allows(IEnumerable<string> allowed, string host)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return allowed.Any(entry => entry.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length > entry.Length - 1 && host.EndsWith(entry[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether <paramref name="url"/> is http(s) to one of <paramref name="allowed"/>.</summary>
    public static bool Allows(IEnumerable<string> allowed, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && url.Scheme is "https" or "http" && Allows(allowed, url.IdnHost);
    }

    /// <summary>The entries that are not bare host names (a scheme, path or port given), each with what to set instead.</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> allowed, string setting)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return allowed
            .Where(host => string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            .Select(host => $"{setting} holds '{host}'; list bare host names such as registry.internal or *.example.com, with no scheme or port.");
    }
}
