using System.Diagnostics.CodeAnalysis;

namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>Base URLs of feature services, and the paths under them.</summary>
public static class ServiceUrls
{
    /// <summary>
    /// Whether <paramref name="value"/> is an absolute http(s) URL with no query, user info or fragment; the result ends in
    /// '/', so relative paths resolve under it rather than beside its last segment.
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out Uri? baseUrl)
    {
        baseUrl = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }

        baseUrl = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
        return true;
    }

    /// <summary>The URL of <paramref name="relativePath"/> (no leading '/') under the service's base URL.</summary>
    public static Uri Under(Uri baseUrl, string relativePath) => new(baseUrl, relativePath.TrimStart('/'));
}
