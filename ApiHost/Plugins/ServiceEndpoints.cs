using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Plugins;

/// <summary>Feature services: their health for every signed-in user; their registration for administrators.</summary>
public static class ServiceEndpoints
{
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/services", List).WithTags("Services").RequireAuthorization();

        var admin = endpoints.MapGroup("/api/admin/services").WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        admin.MapGet("/", ListForAdmin);
        admin.MapPost("/", RegisterAsync);
        admin.MapDelete("/{id}", UnregisterAsync);
        return endpoints;
    }

    private static Ok<ServiceResponse[]> List(PluginCatalog catalog) => TypedResults.Ok(catalog.All.Select(ServiceResponse.From).ToArray());

    private static Ok<AdminServiceResponse[]> ListForAdmin(PluginCatalog catalog) => TypedResults.Ok(catalog.All.Select(AdminServiceResponse.From).ToArray());

    private static async Task<Results<Created<AdminServiceResponse>, ProblemHttpResult>> RegisterAsync(
        ServiceRegistrationRequest request, IClusterClient cluster, PluginCatalog catalog, CancellationToken cancellationToken)
    {
        if (!ServiceIds.IsValid(request.Id))
        {
            return ApiProblem.BadRequest($"'id' must be {ServiceIds.Rule}, such as doc-service.");
        }

        if (!ServiceUrls.TryNormalize(request.BaseUrl, out var baseUrl))
        {
            return ApiProblem.BadRequest("'baseUrl' must be an absolute http or https URL with no query, fragment or user info, such as http://doc-service:8001/.");
        }

        var service = await cluster.GetGrain<IServiceGrain>(request.Id!).RegisterAsync(baseUrl, ServiceSource.Admin, cancellationToken);
        catalog.Update(service.Id, service);
        return TypedResults.Created($"/api/admin/services/{service.Id}", AdminServiceResponse.From(service));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnregisterAsync(
        string id, IClusterClient cluster, PluginCatalog catalog, CancellationToken cancellationToken)
    {
        if (!ServiceIds.IsValid(id) || !await cluster.GetGrain<IServiceGrain>(id).UnregisterAsync(cancellationToken))
        {
            return ApiProblem.NotFound("service", $"There is no service '{id}'; GET /api/admin/services lists them.");
        }

        catalog.Update(id, null);
        return TypedResults.NoContent();
    }
}
