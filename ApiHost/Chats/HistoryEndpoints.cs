using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>The caller's chats, newest first (contract §3.3).</summary>
public static class HistoryEndpoints
{
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var history = endpoints.MapGroup("/api/history").WithTags("Chat").RequireAuthorization();
        history.MapGet(string.Empty, ListAsync);
        history.MapDelete(string.Empty, DeleteAllAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<HistoryResponse>, ProblemHttpResult>> ListAsync(
        HttpContext context, IClusterClient cluster, int? limit,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "starting_after")] string? startingAfter,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "ending_before")] string? endingBefore,
        CancellationToken cancellationToken)
    {
        // Checked before the cursors are looked at, as the contract has it.
        if (startingAfter is not null && endingBefore is not null)
        {
            return ApiProblem.BadRequest("Only one of starting_after or ending_before can be provided.");
        }

        if (limit is < 1 or > IChatDirectoryGrain.MaxPageSize)
        {
            return ApiProblem.BadRequest($"limit is {limit}; ask for 1 to {IChatDirectoryGrain.MaxPageSize} chats.");
        }

        var caller = context.RequiredCaller();
        var page = await cluster.GetGrain<IChatDirectoryGrain>(string.Empty).ListAsync(caller.User.Id, limit ?? DefaultLimit, startingAfter, endingBefore, cancellationToken);
        return page is null
            ? ApiProblem.NotFound("chat", $"The cursor chat '{startingAfter ?? endingBefore}' is not one of your chats.")
            : TypedResults.Ok(new HistoryResponse([.. page.Chats.Select(ChatResponse.From)], page.HasMore));
    }

    private static async Task<Ok<DeletedChatsResponse>> DeleteAllAsync(HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var caller = context.RequiredCaller();
        var directory = cluster.GetGrain<IChatDirectoryGrain>(string.Empty);
        var deleted = 0;
        while (await directory.ListAsync(caller.User.Id, IChatDirectoryGrain.MaxPageSize, null, null, cancellationToken) is { Chats.Count: > 0 } page)
        {
            var results = await Task.WhenAll(page.Chats.Select(chat => cluster.GetGrain<IChatGrain>(chat.Id).DeleteAsync(cancellationToken)));
            var count = results.Count(result => result is not null);
            deleted += count;
            if (count == 0)
            {
                break;
            }
        }

        return TypedResults.Ok(new DeletedChatsResponse(deleted));
    }
}
