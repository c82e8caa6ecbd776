using System.Text.Json;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>The chat routes of ../shared/contracts/chat-api.md §3.2: sending (with the answer streamed), reading, deleting.</summary>
public static class ChatEndpoints
{
    private const int MaxLatestMessages = 10;

    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var chat = endpoints.MapGroup("/api/chat").WithTags("Chat");
        chat.MapPost(string.Empty, PostAsync);
        chat.MapGet("/{id}", GetAsync);
        chat.MapGet("/{id}/messages/latest", GetLatestAsync);
        chat.MapDelete(string.Empty, DeleteAsync);
        chat.MapPatch("/visibility", SetVisibilityAsync);
        chat.MapDelete("/messages", DeleteMessagesAsync);
        return endpoints;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> PostAsync(
        ChatPostRequest? request, HttpContext context, ChatSender sender, ChatStreamRelay relay, CancellationToken cancellationToken)
    {
        if (ChatRequestValidation.Problem(request) is { } problem)
        {
            return ApiProblem.BadRequest(problem);
        }

        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        var started = await sender.StartAsync(request!, caller, cancellationToken);
        if (started.Failure is { } failure)
        {
            return failure.Status == StatusCodes.Status429TooManyRequests
                ? ApiProblem.TooManyRequests(context, "chat", failure.Message, ChatSender.QuotaRetryAfter)
                : ApiProblem.Create(failure.Status, failure.Code, failure.Message);
        }

        ChatStreamRelay.WriteHeaders(context);
        await relay.RelayAsync(context, started.StreamId!);
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<ChatWithMessagesResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IClusterClient cluster, ChatStreamNudge nudge, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (view, problem) = await ChatAccess.ReadAsync(cluster, id, caller, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        nudge.IfUnrecorded(view);
        return TypedResults.Ok(new ChatWithMessagesResponse(
            ChatResponse.From(view.Chat), [.. view.Messages.Select(MessageResponse.From)], ChatAccess.IsOwner(view.Chat, caller)));
    }

    private static async Task<Results<Ok<MessagesResponse>, ProblemHttpResult>> GetLatestAsync(
        string id, int? limit, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLatestMessages)
        {
            return ApiProblem.BadRequest($"limit is {limit}; ask for 1 to {MaxLatestMessages} messages.");
        }

        var (view, problem) = await ChatAccess.ReadAsync(cluster, id, context.Caller(), cancellationToken);
        return view is null ? problem! : TypedResults.Ok(new MessagesResponse([.. view.Messages.TakeLast(limit ?? 1).Select(MessageResponse.From)]));
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> DeleteAsync(
        string? id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        if (string.IsNullOrEmpty(id))
        {
            return ApiProblem.BadRequest("Give the chat's id as ?id=.");
        }

        var (chat, problem) = await ChatAccess.OwnAsync(cluster, id, caller, cancellationToken);
        if (chat is null)
        {
            return problem!;
        }

        var deleted = await cluster.GetGrain<IChatGrain>(chat.Id).DeleteAsync(cancellationToken);
        return TypedResults.Ok(ChatResponse.From(deleted ?? chat));
    }

    private static async Task<Results<Ok<ChatResponse>, ProblemHttpResult>> SetVisibilityAsync(
        VisibilityRequest request, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        if (request.Visibility is not ("public" or "private"))
        {
            return ApiProblem.BadRequest("visibility must be \"public\" or \"private\".");
        }

        var (chat, problem) = await ChatAccess.OwnAsync(cluster, request.ChatId, caller, cancellationToken);
        if (chat is null)
        {
            return problem!;
        }

        var visibility = request.Visibility == "public" ? ChatVisibility.Public : ChatVisibility.Private;
        var changed = await cluster.GetGrain<IChatGrain>(chat.Id).SetVisibilityAsync(visibility, cancellationToken);
        return TypedResults.Ok(ChatResponse.From(changed ?? chat));
    }

    private static async Task<Results<Ok<DeletedMessagesResponse>, ProblemHttpResult>> DeleteMessagesAsync(
        HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        var request = await ReadJsonAsync<DeleteMessagesRequest>(context.Request, cancellationToken);
        if (request is null || !ChatRequestValidation.IsMessageId(request.Id))
        {
            return ApiProblem.BadRequest("Send {\"id\": <message id>, \"includeTrailing\": true}.");
        }

        var chatId = request.ChatId ?? await cluster.GetGrain<IChatMessageLocatorGrain>(request.Id!).FindAsync(caller.User.Id, cancellationToken);
        var (chat, problem) = await ChatAccess.OwnAsync(cluster, chatId, caller, cancellationToken);
        if (chat is null)
        {
            return chatId is null ? ApiProblem.NotFound("message", $"None of your chats has a message '{request.Id}'.") : problem!;
        }

        var deleted = await cluster.GetGrain<IChatGrain>(chat.Id).DeleteMessagesFromAsync(request.Id!, cancellationToken);
        return deleted is null
            ? ApiProblem.NotFound("message", $"The chat has no message '{request.Id}'.")
            : TypedResults.Ok(new DeletedMessagesResponse(deleted.Value));
    }

    // DELETE bodies are optional to the framework's binding; reading it here keeps a bad one a 400 with a reason.
    private static async Task<T?> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return request.ContentLength is 0 ? null : await request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
