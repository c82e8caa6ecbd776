using System.Security.Cryptography;
using System.Text;
using Cluster.Dashboard.Hosting;
using Microsoft.AspNetCore.Http;

namespace Cluster.Dashboard.Access;

/// <summary>
/// Who may use the dashboard: a signed-in user in the configured admin role (the API host's own sign-in), or whoever
/// presents the operator token, as a bearer token or in the cookie the sign-in page sets. Nobody otherwise.
/// </summary>
public sealed class DashboardAccess(DashboardOptions options)
{
    /// <summary>The cookie holding the operator token after the sign-in page: httpOnly, SameSite=Strict, scoped to the dashboard.</summary>
    public const string CookieName = "cluster_dashboard";

    /// <summary>A header every changing request must carry: a cross-site form cannot set it, so the cookie cannot be abused.</summary>
    public const string IntentHeader = "X-Dashboard-Request";

    private readonly byte[]? _token = options.OperatorToken is { } token ? Encoding.UTF8.GetBytes(token) : null;

    /// <summary>Whether the caller may read the dashboard.</summary>
    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true && context.User.IsInRole(options.AdminRole))
        {
            return true;
        }

        return Matches(PresentedToken(context));
    }

    /// <summary>Whether <paramref name="token"/> is the operator token (compared in fixed time).</summary>
    public bool Matches(string? token) =>
        _token is not null && token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), _token);

    /// <summary>Whether an operator token is configured, so that the sign-in page can offer it.</summary>
    public bool AcceptsOperatorToken => _token is not null;

    private static string? PresentedToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return context.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }
}
