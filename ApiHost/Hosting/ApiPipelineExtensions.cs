using System.Text.Encodings.Web;
using System.Text.Unicode;
using Cluster.ApiHost.Audit;
using Cluster.ApiHost.Auth;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.RateLimiting;
using Cluster.ApiHost.Sockets;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Hosting;

/// <summary>The API host's middleware, registered and ordered in one place.</summary>
public static class ApiPipelineExtensions
{
    /// <summary>The response headers browsers may read across origins.</summary>
    private static readonly string[] ExposedHeaders =
        [CorrelationId.HeaderName, AuthEndpoints.SessionVersionHeader, .. RateLimiting.RateLimiting.HeaderNames, HeaderNames.RetryAfter];

    public static WebApplicationBuilder AddApiPipeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HttpSecurityOptions>().Bind(builder.Configuration.GetSection(HttpSecurityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpSecurityOptions>, HttpSecurityOptionsValidator>();
        services.AddApiProblemDetails();
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<ClusterRateLimiter>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditTrail>());

        // Any script is written as is, but <, >, &, ' and " are escaped: stored text can never close a script or attribute in a page that embeds it.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<HttpSecurityOptions>>((cors, http) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. http.Value.AllowedOrigins])
            .AllowCredentials()
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(ExposedHeaders)));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HttpSecurityOptions>>((forwarded, http) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in http.Value.TrustedProxies)
            {
                forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in http.Value.TrustedNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// The middleware, outermost first: forwarded headers (trusted proxies only; allowed hosts are checked before,
    /// by the host), correlation id, exception handler, security headers, body size limit, CORS, WebSockets, authentication,
    /// CSRF, cluster-wide rate limiting, authorization, audit.
    /// </summary>
    public static WebApplication UseApiPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<CorrelationId>();
        app.UseApiExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestSizeLimit>();
        app.UseCors();
        // Only /web upgrades: elsewhere the middleware would add a handshake feature to every request for nothing.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PackageSocketEndpoints.Path), web => web.UseWebSockets());
        app.UseAuthentication();
        app.UseMiddleware<CsrfProtection>();
        app.UseMiddleware<RateLimiting.RateLimiting>();
        app.UseAuthorization();
        app.UseMiddleware<AuditRecorder>();
        return app;
    }
}
