using Cluster.ApiHost.Chats;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Documents;
using Cluster.Grains.Interfaces.Settings;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Documents;

/// <summary>Documents and their versions (contract §3.5), and the suggestions on them (§3.2), for their owners.</summary>
public static class DocumentEndpoints
{
    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var document = endpoints.MapGroup("/api/document").WithTags("Documents");
        document.MapGet(string.Empty, GetAsync);
        document.MapPost(string.Empty, SaveAsync);
        document.MapDelete(string.Empty, DeleteAsync);
        endpoints.MapGet("/api/chat/suggestions", GetSuggestionsAsync).WithTags("Documents");
        return endpoints;
    }

    private static async Task<Results<Ok<DocumentResponse[]>, ProblemHttpResult>> GetAsync(
        string? id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        var (versions, problem) = await OwnAsync(context, id, cluster, cancellationToken);
        return versions is null ? problem! : TypedResults.Ok(versions.Select(DocumentResponse.From).ToArray());
    }

    private static async Task<Results<Ok<DocumentResponse[]>, ProblemHttpResult>> SaveAsync(
        string? id, DocumentRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return SignInFirst();
        }

        if (!IsDocumentId(id))
        {
            return ApiProblem.BadRequest("Give the document's id as ?id=.");
        }

        var limits = await cluster.GetGrain<IPlatformSettingsGrain>(IPlatformSettingsGrain.Key).GetDocumentLimitsAsync(cancellationToken);
        if (Problem(request, limits.MaxContentCharacters) is { } invalid)
        {
            return ApiProblem.Create(StatusCodes.Status400BadRequest, "bad_request:document", invalid);
        }

        var saved = await cluster.GetGrain<IDocumentGrain>(Key(id)).SaveAsync(caller.User.Id, request.Title!.Trim(), request.Content!, Enum.Parse<DocumentKind>(request.Kind!, ignoreCase: true), cancellationToken);
        return saved.Saved is { } version ? TypedResults.Ok(new[] { DocumentResponse.From(version) }) : Forbidden();
    }

    private static async Task<Results<Ok<DocumentResponse[]>, ProblemHttpResult>> DeleteAsync(
        string? id, string? timestamp, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is null)
        {
            return SignInFirst();
        }

        if (!IsDocumentId(id) || ChatTimestamps.Parse(timestamp) is not { } after)
        {
            return ApiProblem.BadRequest("Give the document's id as ?id= and the version's createdAt as ?timestamp=; versions saved after it are deleted.");
        }

        var (versions, problem) = await OwnAsync(context, id, cluster, cancellationToken);
        if (versions is null)
        {
            return problem!;
        }

        var deleted = await cluster.GetGrain<IDocumentGrain>(Key(id)).DeleteVersionsAfterAsync(after, cancellationToken);
        return TypedResults.Ok(deleted.Select(DocumentResponse.From).ToArray());
    }

    private static async Task<Results<Ok<SuggestionResponse[]>, ProblemHttpResult>> GetSuggestionsAsync(
        string? documentId, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!IsDocumentId(documentId))
        {
            return ApiProblem.BadRequest("Give the document's id as ?documentId=.");
        }

        if (context.Caller() is not { } caller)
        {
            return ApiProblem.Create(StatusCodes.Status401Unauthorized, "unauthorized:suggestions", "Sign in to read suggestions.");
        }

        var document = cluster.GetGrain<IDocumentGrain>(Key(documentId));
        if (await document.GetVersionsAsync(cancellationToken) is [var first, ..] && first.OwnerId != caller.User.Id)
        {
            return ApiProblem.Forbidden("api", "The document belongs to another user.");
        }

        return TypedResults.Ok((await document.GetSuggestionsAsync(cancellationToken)).Select(SuggestionResponse.From).ToArray());
    }

    // Every route of a document: 401 signed out, 400 without an id, 404 none, 403 another's.
    private static async Task<(IReadOnlyList<DocumentVersionInfo>? Versions, ProblemHttpResult? Problem)> OwnAsync(
        HttpContext context, string? id, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return (null, SignInFirst());
        }

        if (!IsDocumentId(id))
        {
            return (null, ApiProblem.BadRequest("Give the document's id as ?id=."));
        }

        var versions = await cluster.GetGrain<IDocumentGrain>(Key(id)).GetVersionsAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return (null, ApiProblem.NotFound("document", $"There is no document '{id}'."));
        }

        return versions[0].OwnerId == caller.User.Id ? (versions, null) : (null, Forbidden());
    }

    private static string? Problem(DocumentRequest request, int maxContentLength)
    {
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > DocumentLimits.MaxTitleLength)
        {
            return $"title must be 1 to {DocumentLimits.MaxTitleLength} characters.";
        }

        if (request.Kind is not ("text" or "code" or "image" or "sheet"))
        {
            return "kind must be \"text\", \"code\", \"image\" or \"sheet\".";
        }

        return request.Content is null || request.Content.Length > maxContentLength
            ? $"content must be a string of at most {maxContentLength} characters."
            : null;
    }

    private static bool IsDocumentId(string? id) => Guid.TryParse(id, out _);

    private static string Key(string? id) => Guid.Parse(id!).ToString();

    private static ProblemHttpResult SignInFirst() => ApiProblem.Create(StatusCodes.Status401Unauthorized, "unauthorized:document", "Sign in first; documents belong to their users.");

    private static ProblemHttpResult Forbidden() => ApiProblem.Forbidden("document", "This document belongs to another user.");
}
