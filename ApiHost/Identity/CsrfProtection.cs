using Cluster.ApiHost.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Identity;

/// <summary>
/// Refuses cross-site request forgery: a browser adds the sign-in cookies to any site's request, so an unsafe
/// request (POST, PUT, PATCH, DELETE) that carries them and no <c>Authorization</c> header must come from an allowed
/// origin (<see cref="HttpSecurityOptions.AllowedOrigins"/> or this host's own), named by <c>Origin</c> or else
/// <c>Referer</c>. Requests naming neither are refused too. API clients that send bearer tokens are not affected.
/// </summary>
public sealed class CsrfProtection(RequestDelegate next, IOptions<HttpSecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method) || request.Headers.ContainsKey(HeaderNames.Authorization) || !AuthCookies.Any(request))
        {
            return next(context);
        }

        var origin = OriginOf(request);
        if (origin is not null && (IsOwnOrigin(request, origin) || options.Value.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        return ApiProblem.Create(
            StatusCodes.Status403Forbidden,
            "forbidden:csrf",
            origin is null
                ? "A request sent with sign-in cookies must name its Origin or Referer; send it from the web app, or authenticate with an Authorization header."
                : $"The origin '{origin}' may not send requests with sign-in cookies; add it to {HttpSecurityOptions.SectionName}:{nameof(HttpSecurityOptions.AllowedOrigins)} if it is yours.")
            .ExecuteAsync(context);
    }

    private static string? OriginOf(HttpRequest request)
    {
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0)
        {
            // "null" (sandboxed frames, some redirects) names no origin that could be allowed.
            return origin == "null" ? null : origin.TrimEnd('/');
        }

        return Uri.TryCreate(request.Headers[HeaderNames.Referer].ToString(), UriKind.Absolute, out var referer)
            ? referer.GetLeftPart(UriPartial.Authority)
            : null;
    }

    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
}
