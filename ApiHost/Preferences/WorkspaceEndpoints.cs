using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Grains.Interfaces.Workspaces;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Preferences;

/// <summary>Sharing the caller's workspaces (the members of <c>/workspaces</c> in their preferences) with users, groups and roles.</summary>
public static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var grants = endpoints.MapGroup("/api/preferences/workspaces/{id}/grants").WithTags("Preferences").RequireAuthorization();
        grants.MapGet("/", ListAsync);
        grants.MapPost("/", GrantAsync);
        grants.MapDelete("/{type}/{granteeId}", RevokeAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<WorkspaceGrantee[]>, ProblemHttpResult>> ListAsync(string id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken) =>
        WorkspaceGrantee.IsWorkspaceId(id)
            ? TypedResults.Ok((await Sharing(context, cluster).ListGrantsAsync(id, cancellationToken)).ToArray())
            : BadWorkspaceId();

    private static async Task<Results<Ok<WorkspaceGrantee[]>, ProblemHttpResult>> GrantAsync(
        string id, WorkspaceGrantRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!WorkspaceGrantee.IsWorkspaceId(id))
        {
            return BadWorkspaceId();
        }

        if (await GranteeOfAsync(request.Type, request.Id, cluster, cancellationToken) is not { } grantee)
        {
            return ApiProblem.BadRequest("Give 'type' (user, group or role) and 'id': an existing user's or group's id, or the role user or admin.");
        }

        var sharing = Sharing(context, cluster);
        return await sharing.GrantAsync(id, grantee, cancellationToken) is { } problem
            ? ApiProblem.BadRequest(problem)
            : TypedResults.Ok((await sharing.ListGrantsAsync(id, cancellationToken)).ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, string type, string granteeId, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken) =>
        WorkspaceGrantee.IsWorkspaceId(id) && await Sharing(context, cluster).RevokeAsync(id, new WorkspaceGrantee(type, granteeId), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound("preferences", $"Workspace '{id}' is not shared with {type} '{granteeId}'.");

    // Only grantees that exist: a grant to a mistyped id would share with nobody, or with whoever gets that id later.
    private static async Task<WorkspaceGrantee?> GranteeOfAsync(string? type, string? id, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var exists = type switch
        {
            WorkspaceGrantee.User => await cluster.GetGrain<IUserGrain>(id).GetAsync(cancellationToken) is not null,
            WorkspaceGrantee.Group => await cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken) is not null,
            WorkspaceGrantee.Role => id is IdentityNames.User or IdentityNames.Admin,
            _ => false,
        };
        return exists ? new WorkspaceGrantee(type!, id) : null;
    }

    private static IWorkspaceSharingGrain Sharing(HttpContext context, IClusterClient cluster) =>
        cluster.GetGrain<IWorkspaceSharingGrain>(context.RequiredCaller().User.Id);

    private static ProblemHttpResult BadWorkspaceId() => ApiProblem.BadRequest("A workspace id has 1 to 64 letters, digits, '-' and '_'.");
}
