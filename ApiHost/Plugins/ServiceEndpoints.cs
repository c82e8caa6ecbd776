using System.Text.Json;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Plugins;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Plugins;

/// <summary>Feature services: their health for every signed-in user; their registration for administrators.</summary>
public static class ServiceEndpoints
{
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/services", List).WithTags("Services").RequireAuthorization();
        endpoints.MapGet("/api/services/events", StreamAsync).WithTags("Services").RequireAuthorization();

        var admin = endpoints.MapGroup("/api/admin/services").WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        admin.MapGet("/", ListForAdmin);
        admin.MapPost("/", RegisterAsync);
        admin.MapDelete("/{id}", UnregisterAsync);
        return endpoints;
    }

    private static Ok<ServiceResponse[]> List(PluginCatalog catalog) => TypedResults.Ok(catalog.All.Select(ServiceResponse.From).ToArray());

    // Server-sent events: every service as it is now, then each change (a check's result, a new manifest, a removal).
    private static async Task StreamAsync(HttpContext context, PluginCatalog catalog, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var changes = catalog.Watch(cancellationToken);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        foreach (var service in catalog.All)
        {
            await WriteAsync(new ServiceChange(service.Id, service));
        }

        await response.Body.FlushAsync(cancellationToken);
        try
        {
            while (true)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                keepAlive.CancelAfter(KeepAliveInterval);
                try
                {
                    await changes.WaitToReadAsync(keepAlive.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A comment line keeps proxies and browsers from closing an idle stream.
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                while (changes.TryRead(out var change))
                {
                    await WriteAsync(change);
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }

        Task WriteAsync(ServiceChange change) => change.Service is { } service
            ? response.WriteAsync($"event: service\ndata: {JsonSerializer.Serialize(ServiceResponse.From(service), json.Value.SerializerOptions)}\n\n", cancellationToken)
            : response.WriteAsync($"event: removed\ndata: {JsonSerializer.Serialize(new { id = change.Id }, json.Value.SerializerOptions)}\n\n", cancellationToken);
    }

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
