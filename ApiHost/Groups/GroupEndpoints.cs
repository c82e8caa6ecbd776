using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Groups;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Groups;

/// <summary>Groups as signed-in users see them: their own, and the names to pick from when sharing.</summary>
public static class GroupEndpoints
{
    public static IEndpointRouteBuilder MapGroupEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/users/me/groups", GetMineAsync).WithTags("Users").RequireAuthorization();
        endpoints.MapGet("/api/auth/roles", GetRolesAsync).WithTags("Auth").RequireAuthorization();
        return endpoints;
    }

    private static async Task<Ok<GroupRef[]>> GetMineAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var groups = await Task.WhenAll(context.RequiredCaller().User.GroupIds.Select(id => cluster.GetGrain<IGroupGrain>(id).GetAsync(cancellationToken)));
        return TypedResults.Ok(groups.OfType<GroupInfo>().OrderBy(group => group.Name, StringComparer.OrdinalIgnoreCase).Select(group => new GroupRef(group.Id, group.Name)).ToArray());
    }

    private static async Task<Ok<RolesResponse>> GetRolesAsync(IClusterClient cluster, CancellationToken cancellationToken)
    {
        var groups = await cluster.GetGrain<IGroupRegistryGrain>(IGroupRegistryGrain.Key).ListAsync(cancellationToken);
        return TypedResults.Ok(new RolesResponse([IdentityNames.User, IdentityNames.Admin], [.. groups.Select(group => new GroupRef(group.Id, group.Name))]));
    }
}
