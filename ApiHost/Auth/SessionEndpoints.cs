using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Auth;

/// <summary>The caller's own sessions: list them, end one (a lost phone, a shared computer).</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sessions = endpoints.MapGroup("/api/auth/sessions").WithTags("Auth").RequireAuthorization();
        sessions.MapGet("/", ListAsync);
        sessions.MapDelete("/{id}", RevokeAsync);
        return endpoints;
    }

    private static async Task<Ok<SessionResponse[]>> ListAsync(HttpContext context, IClusterClient cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var caller = context.RequiredCaller();
        var ids = await cluster.GetGrain<IUserGrain>(caller.User.Id).GetSessionIdsAsync(cancellationToken);
        var sessions = await Task.WhenAll(ids.Select(id => cluster.GetGrain<ISessionGrain>(id).GetAsync(cancellationToken)));
        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(sessions
            .Where(session => session is not null && session.UserId == caller.User.Id && session.IsActiveAt(now))
            .Select(session => SessionResponse.From(session!, session!.Id == caller.SessionId))
            .ToArray());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var caller = context.RequiredCaller();

        // Only sessions the caller's own user grain lists: another user's session id is simply not found.
        if (!(await cluster.GetGrain<IUserGrain>(caller.User.Id).GetSessionIdsAsync(cancellationToken)).Contains(id, StringComparer.Ordinal))
        {
            return ApiProblem.NotFound("session", $"You have no live session '{Truncate(id)}'; GET /api/auth/sessions lists yours.");
        }

        await cluster.GetGrain<ISessionGrain>(id).RevokeAsync(SignInService.SignOutReason, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
