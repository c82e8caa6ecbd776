using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Hosting;

/// <summary>The health endpoints every process that hosts a silo serves.</summary>
public static class SiloHealthEndpoints
{
    /// <summary>The tag of checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the silo's readiness check.</summary>
    public static IHealthChecksBuilder AddSiloHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag]);

    /// <summary>
    /// Maps <c>/health</c> (live: the process answers; no check runs) and <c>/health/ready</c> (every check
    /// tagged <see cref="ReadyTag"/> passes).
    /// </summary>
    public static IEndpointRouteBuilder MapSiloHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
