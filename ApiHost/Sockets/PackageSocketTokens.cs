namespace Cluster.ApiHost.Sockets;

/// <summary>Where a <c>/web</c> client may put its access token: <c>?Authorization=Bearer%20…</c>, <c>?token=…</c>, or the auth frame.</summary>
internal static class PackageSocketTokens
{
    private const string Scheme = "Bearer ";

    /// <summary>The token of the query string: null when none was given, empty when the one given is malformed.</summary>
    public static string? FromQuery(IQueryCollection query)
    {
        if (query.TryGetValue("Authorization", out var authorization))
        {
            return authorization.Count == 1 ? FromAuthorization(authorization[0]!, schemeRequired: true) ?? string.Empty : string.Empty;
        }

        if (query.TryGetValue("token", out var token))
        {
            return token.Count == 1 && !string.IsNullOrWhiteSpace(token[0]) ? token[0]!.Trim() : string.Empty;
        }

        return null;
    }

    /// <summary>The token of <c>Bearer &lt;jwt&gt;</c> (the scheme in any case), or null when malformed.</summary>
    public static string? FromAuthorization(string value, bool schemeRequired)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[Scheme.Length..].Trim();
        }
        else if (schemeRequired)
        {
            return null;
        }

        return trimmed.Length == 0 || trimmed.Contains(' ', StringComparison.Ordinal) ? null : trimmed;
    }
}
