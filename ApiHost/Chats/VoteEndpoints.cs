using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>Votes and feedback on a chat's answers, by the chat's owner (contract §3.4).</summary>
public static class VoteEndpoints
{
    public static IEndpointRouteBuilder MapVoteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var vote = endpoints.MapGroup("/api/vote").WithTags("Chat").RequireAuthorization();
        vote.MapGet(string.Empty, GetAsync);
        vote.MapPatch(string.Empty, VoteAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<VoteResponse[]>, ProblemHttpResult>> GetAsync(
        string? chatId, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(chatId))
        {
            return ApiProblem.BadRequest("Give the chat's id as ?chatId=.");
        }

        var (chat, problem) = await OwnAsync(cluster, chatId, context.RequiredCaller(), cancellationToken);
        if (chat is null)
        {
            return problem!;
        }

        var votes = await cluster.GetGrain<IChatGrain>(chat.Id).GetVotesAsync(cancellationToken);
        return TypedResults.Ok(votes.Select(vote => VoteResponse.From(chat.Id, vote)).ToArray());
    }

    private static async Task<Results<Ok<VotedResponse>, ProblemHttpResult>> VoteAsync(
        VoteRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (request.Type is not (null or "up" or "down"))
        {
            return ApiProblem.BadRequest("type must be \"up\" or \"down\".");
        }

        if (request.Type is null && request.Feedback is null)
        {
            return ApiProblem.BadRequest("Give a type (\"up\" or \"down\"), feedback, or both.");
        }

        if (request.Feedback is { Length: > ChatVoteInfo.MaxFeedbackLength })
        {
            return ApiProblem.BadRequest($"feedback has {request.Feedback.Length} characters; at most {ChatVoteInfo.MaxFeedbackLength} are allowed.");
        }

        if (string.IsNullOrEmpty(request.ChatId) || !ChatRequestValidation.IsMessageId(request.MessageId))
        {
            return ApiProblem.BadRequest("Give chatId and messageId.");
        }

        var (chat, problem) = await OwnAsync(cluster, request.ChatId, context.RequiredCaller(), cancellationToken);
        if (chat is null)
        {
            return problem!;
        }

        var voted = await cluster.GetGrain<IChatGrain>(chat.Id).VoteAsync(request.MessageId!, request.Type is null ? null : request.Type == "up", request.Feedback, cancellationToken);
        return voted
            ? TypedResults.Ok(new VotedResponse(request.Type is null ? "feedback_submitted" : "voted"))
            : ApiProblem.NotFound("message", $"The chat has no message '{request.MessageId}'.");
    }

    // Votes are the owner's: another user's chat is forbidden:vote, a missing one not_found:vote.
    private static async Task<(ChatInfo? Chat, ProblemHttpResult? Problem)> OwnAsync(
        IClusterClient cluster, string chatId, AuthenticatedCaller caller, CancellationToken cancellationToken)
    {
        var chat = Guid.TryParse(chatId, out var key) ? await cluster.GetGrain<IChatGrain>(key.ToString()).GetInfoAsync(cancellationToken) : null;
        if (chat is null)
        {
            return (null, ApiProblem.NotFound("vote", $"There is no chat '{chatId}'."));
        }

        return ChatAccess.IsOwner(chat, caller) ? (chat, null) : (null, ApiProblem.Forbidden("vote", "Only the chat's owner votes on its messages."));
    }
}
