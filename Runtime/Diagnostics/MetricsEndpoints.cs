using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Diagnostics;

/// <summary><c>GET /metrics</c> on silos and API hosts: every collected figure for Prometheus, to allowed scrapers only.</summary>
public static class MetricsEndpoints
{
    /// <summary>The content type of the text exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Adds the collector and its options (section <see cref="MetricsOptions.SectionName"/>); silos have them from <c>UseSilo</c>, clients add them.</summary>
    public static IServiceCollection AddClusterMetrics(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(service => service.ServiceType == typeof(MetricsCollector)))
        {
            // Silos add it themselves (their dashboard report reads it); binding the section twice would double its lists.
            return services;
        }

        services.AddMetrics();
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MetricsCollector>();
        return services;
    }

    /// <summary>Maps <see cref="MetricsOptions.Path"/> unless <see cref="MetricsOptions.Enabled"/> is false.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Enabled)
        {
            var networks = options.Networks();
            endpoints.MapGet(options.Path, (HttpContext context, MetricsCollector collector) => Scrape(context, collector, options, networks))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static IResult Scrape(HttpContext context, MetricsCollector collector, MetricsOptions options, IReadOnlyList<IPNetwork> networks)
    {
        var remote = context.Connection.RemoteIpAddress;

        // No address (a Unix socket behind a proxy) could be anyone the proxy relays: refused unless any may scrape.
        if (networks.Count > 0 && (remote is null || !networks.Any(network => network.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Metrics are not served to this address.",
                detail: "Scrape from a network listed in Metrics:AllowedNetworks.");
        }

        if (options.BearerToken is { } token && !HasBearer(context.Request, token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Metrics need a bearer token.",
                detail: "Send Authorization: Bearer with the value of Metrics:BearerToken.");
        }

        return Results.Text(collector.WritePrometheus(), ContentType);
    }

    private static bool HasBearer(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
