using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Users;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Admin;

/// <summary>Administrators search accounts by email, look at one, and change its role or active flag.</summary>
public static class AdminUserEndpoints
{
    private const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapAdminUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/admin/users").WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        users.MapGet("/", SearchAsync);
        users.MapGet("/{id}", GetAsync);
        users.MapPatch("/{id}", UpdateAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<UserPageResponse>, ProblemHttpResult>> SearchAsync(
        string? q, string? cursor, int? limit, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > IUserDirectoryGrain.MaxPageSize)
        {
            return ApiProblem.BadRequest($"limit is {pageSize}; ask for 1 to {IUserDirectoryGrain.MaxPageSize} users per page.");
        }

        if (q is { Length: > EmailRules.MaxLength })
        {
            return ApiProblem.BadRequest($"q is longer than an email can be ({EmailRules.MaxLength} characters).");
        }

        try
        {
            var page = await cluster.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(q ?? string.Empty, cursor, pageSize, cancellationToken);
            return TypedResults.Ok(UserPageResponse.From(page));
        }
        catch (ArgumentException)
        {
            return ApiProblem.BadRequest("cursor is not one a search handed out; start again without it.");
        }
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string id, IClusterClient cluster, CancellationToken cancellationToken) =>
        await cluster.GetGrain<IUserGrain>(id).GetAsync(cancellationToken) is { } user ? TypedResults.Ok(UserResponse.From(user)) : NotFound(id);

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        string id, AdminUserRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        UserRole? role = null;
        if (request.Role is not null && (role = IdentityNames.RoleNamed(request.Role)) is null)
        {
            return ApiProblem.BadRequest($"'{request.Role}' is not a role; use '{IdentityNames.User}' or '{IdentityNames.Admin}'.");
        }

        // An administrator cannot lock themselves out; another administrator has to do it.
        if (id == context.RequiredCaller().User.Id && (role == UserRole.User || request.IsActive == false))
        {
            return ApiProblem.Conflict("user", "You cannot demote or deactivate your own account; ask another administrator.");
        }

        var user = cluster.GetGrain<IUserGrain>(id);
        if (await user.GetAsync(cancellationToken) is not { } found)
        {
            return NotFound(id);
        }

        if (role is { } newRole)
        {
            found = await user.SetRoleAsync(newRole, cancellationToken);
        }

        if (request.IsActive is { } isActive)
        {
            found = await user.SetActiveAsync(isActive, cancellationToken);
        }

        return TypedResults.Ok(UserResponse.From(found));
    }

    private static ProblemHttpResult NotFound(string id) => ApiProblem.NotFound("user", $"There is no user '{id}'.");
}
