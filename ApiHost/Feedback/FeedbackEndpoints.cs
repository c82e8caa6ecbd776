using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Feedback;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Feedback;

/// <summary>Application feedback: anyone gives it, reviewers read it (contract §3.4).</summary>
public static class FeedbackEndpoints
{
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapFeedbackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var feedback = endpoints.MapGroup("/api/feedback").WithTags("Feedback");
        feedback.MapPost(string.Empty, GiveAsync);
        feedback.MapGet("/review", ReviewAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<Results<Ok<OkResponse>, ProblemHttpResult>> GiveAsync(
        FeedbackRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (request.Rating is not (>= 1 and <= 5))
        {
            return ApiProblem.BadRequest("rating must be a whole number from 1 to 5.");
        }

        if (request.Feedback is { Length: > FeedbackLimits.MaxTextLength })
        {
            return ApiProblem.BadRequest($"feedback has {request.Feedback.Length} characters; at most {FeedbackLimits.MaxTextLength} are allowed.");
        }

        var text = string.IsNullOrWhiteSpace(request.Feedback) ? null : request.Feedback;
        await cluster.GetGrain<IFeedbackLogGrain>(IFeedbackLogGrain.Key).AddAsync(request.Rating.Value, text, context.Caller()?.User.Id, cancellationToken);
        return TypedResults.Ok(new OkResponse(true));
    }

    private static async Task<Results<Ok<FeedbackPageResponse>, ProblemHttpResult>> ReviewAsync(
        int? limit, int? offset, HttpContext context, IClusterClient cluster, IOptions<FeedbackOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.IsReviewer(context.RequiredCaller().User))
        {
            return ApiProblem.Forbidden("Only feedback reviewers (Chat:Feedback:ReviewerEmails) and administrators read feedback.");
        }

        if (limit is < 1 or > MaxPageSize || offset is < 0)
        {
            return ApiProblem.BadRequest($"limit must be 1 to {MaxPageSize} and offset 0 or more.");
        }

        var page = await cluster.GetGrain<IFeedbackLogGrain>(IFeedbackLogGrain.Key).ListAsync(offset ?? 0, limit ?? 20, cancellationToken);
        return TypedResults.Ok(new FeedbackPageResponse([.. page.Items.Select(FeedbackItemResponse.From)], page.Total, limit ?? 20, offset ?? 0));
    }
}
