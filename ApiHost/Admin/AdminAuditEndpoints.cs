using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Audit;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Admin;

/// <summary>Administrators read the audit trail, filtered by actor, action and time.</summary>
public static class AdminAuditEndpoints
{
    private const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapAdminAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/admin/audit", SearchAsync).WithTags("Admin").RequireAuthorization(IdentityPolicies.Admin);
        return endpoints;
    }

    /// <summary><c>from</c> defaults to a day ago; entries come oldest first.</summary>
    private static async Task<Results<Ok<AuditPageResponse>, ProblemHttpResult>> SearchAsync(
        string? actor, string? action, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? limit,
        IClusterClient cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > IAuditLogGrain.MaxPageSize)
        {
            return ApiProblem.BadRequest($"limit is {pageSize}; ask for 1 to {IAuditLogGrain.MaxPageSize} entries per page.");
        }

        if (from > to)
        {
            return ApiProblem.BadRequest("from is after to; give a time range that runs forwards.");
        }

        try
        {
            var query = new AuditQuery(actor, action, from ?? timeProvider.GetUtcNow().AddDays(-1), to, cursor, pageSize);
            return TypedResults.Ok(AuditPageResponse.From(await cluster.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key).SearchAsync(query, cancellationToken)));
        }
        catch (ArgumentException)
        {
            return ApiProblem.BadRequest("cursor is not one a search handed out; start again without it.");
        }
    }
}
