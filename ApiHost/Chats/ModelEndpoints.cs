using Cluster.ApiHost.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>The chat models the caller may select (contract §3.6).</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/models", ListAsync).WithTags("Chat");
        return endpoints;
    }

    private static async Task<Ok<ModelResponse[]>> ListAsync(HttpContext context, ChatModelAccess models, CancellationToken cancellationToken) =>
        TypedResults.Ok((await models.AllowedAsync(context.Caller(), cancellationToken)).Select(model => new ModelResponse(model.Id, model.Name, model.Description)).ToArray());
}
