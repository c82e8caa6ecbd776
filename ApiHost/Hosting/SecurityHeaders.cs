using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Hosting;

/// <summary>
/// Headers that keep browsers from misusing API responses: no sniffing, no framing, no referrer, a CSP that allows
/// nothing (the API serves data, not pages; the documentation pages get what they need), and <c>Cache-Control:
/// no-store</c> unless the endpoint chose its own caching (the JWKS does).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    // Swagger UI and ReDoc load their scripts and styles from this host and inline; still no framing.
    private const string DocumentationPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.redoc.ly; style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; font-src https://fonts.gstatic.com; img-src 'self' data: https://cdn.redoc.ly; worker-src blob:; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = IsDocumentation(context.Request.Path) ? DocumentationPolicy : ApiPolicy;
        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }

    private static bool IsDocumentation(PathString path) => path.StartsWithSegments("/docs") || path.StartsWithSegments("/redoc");
}
