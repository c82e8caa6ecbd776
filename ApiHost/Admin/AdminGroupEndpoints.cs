using Cluster.ApiHost.Groups;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Admin;

/// <summary>Administrators manage groups and their members.</summary>
public static class AdminGroupEndpoints
{
    public static IEndpointRouteBuilder MapAdminGroupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var groups = endpoints.MapGroup("/api/admin/groups").WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        groups.MapGet("/", ListAsync);
        groups.MapPost("/", CreateAsync);
        groups.MapGet("/{id}", GetAsync);
        groups.MapPatch("/{id}", UpdateAsync);
        groups.MapDelete("/{id}", DeleteAsync);
        groups.MapPost("/{id}/members/{userId}", AddMemberAsync);
        groups.MapDelete("/{id}/members/{userId}", RemoveMemberAsync);
        return endpoints;
    }

    private static async Task<Ok<GroupSummaryResponse[]>> ListAsync(IClusterClient cluster, CancellationToken cancellationToken) =>
        TypedResults.Ok((await cluster.GetGrain<IGroupRegistryGrain>(IGroupRegistryGrain.Key).ListAsync(cancellationToken)).Select(GroupSummaryResponse.From).ToArray());

    private static async Task<Results<Created<GroupResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        GroupRequest request, GroupService groups, CancellationToken cancellationToken)
    {
        if (GroupValidation.Validate(request, creating: true) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, extensions: ApiProblem.Extensions("bad_request:api"));
        }

        var group = await groups.CreateAsync(request.Name!, request.Description ?? string.Empty, cancellationToken);
        return group is null
            ? NameTaken(request.Name!)
            : TypedResults.Created($"/api/admin/groups/{group.Id}", GroupResponse.From(group));
    }

    private static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> GetAsync(string id, IClusterClient cluster, CancellationToken cancellationToken) =>
        await cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken) is { } group ? TypedResults.Ok(GroupResponse.From(group)) : NotFound(id);

    private static async Task<Results<Ok<GroupResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, GroupRequest request, IClusterClient cluster, GroupService groups, CancellationToken cancellationToken)
    {
        if (GroupValidation.Validate(request, creating: false) is { } errors)
        {
            return TypedResults.ValidationProblem(errors, extensions: ApiProblem.Extensions("bad_request:api"));
        }

        if (await cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken) is not { } group)
        {
            return NotFound(id);
        }

        var updated = await groups.UpdateAsync(group, request.Name, request.Description, cancellationToken);
        return updated is null ? NameTaken(request.Name!) : TypedResults.Ok(GroupResponse.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, IClusterClient cluster, GroupService groups, CancellationToken cancellationToken)
    {
        if (await cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken) is not { } group)
        {
            return NotFound(id);
        }

        await groups.DeleteAsync(group, cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Results<NoContent, ProblemHttpResult>> AddMemberAsync(string id, string userId, IClusterClient cluster, CancellationToken cancellationToken) =>
        SetMemberAsync(id, userId, isMember: true, cluster, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(string id, string userId, IClusterClient cluster, CancellationToken cancellationToken) =>
        SetMemberAsync(id, userId, isMember: false, cluster, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> SetMemberAsync(
        string id, string userId, bool isMember, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var group = cluster.GetGrain<IGroupGrain>(id);
        if (await group.GetAsync(cancellationToken) is null)
        {
            return NotFound(id);
        }

        return await group.SetMemberAsync(userId, isMember, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound("user", $"There is no user '{userId}'.");
    }

    private static ProblemHttpResult NotFound(string id) => ApiProblem.NotFound("group", $"There is no group '{id}'; GET /api/admin/groups lists them.");

    private static ProblemHttpResult NameTaken(string name) => ApiProblem.Conflict("group", $"A group named '{name.Trim()}' already exists; choose another name.");
}
