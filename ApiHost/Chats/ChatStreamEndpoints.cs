using System.Text.Json;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>Resuming and stopping a chat's answer stream (contract §4.4), whichever API host and silo it runs on.</summary>
public static class ChatStreamEndpoints
{
    public static IEndpointRouteBuilder MapChatStreamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var chat = endpoints.MapGroup("/api/chat").WithTags("Chat");
        chat.MapGet("/{id}/stream", ResumeAsync);
        chat.MapPost("/{id}/stop", StopAsync);
        return endpoints;
    }

    // The decision table of §4.4, in its order.
    private static async Task<Results<EmptyHttpResult, NoContent, ProblemHttpResult>> ResumeAsync(
        string id, HttpContext context, IClusterClient cluster, ChatStreamRelay relay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        var (view, problem) = await ChatAccess.ReadAsync(cluster, id, caller, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (view.LatestStream is not { } latest)
        {
            return TypedResults.NoContent();
        }

        var stream = cluster.GetGrain<IChatStreamGrain>(latest.StreamId);
        var state = await stream.GetChunksAsync(int.MaxValue, cancellationToken);
        ChatStreamRelay.WriteHeaders(context);
        if (!state.IsFinished)
        {
            await relay.RelayAsync(context, latest.StreamId);
            return TypedResults.Empty;
        }

        // Read again: the answer is stored before its stream ends, so a finished stream's answer is in the chat.
        var messages = (await cluster.GetGrain<IChatGrain>(view.Chat.Id).GetAsync(cancellationToken))?.Messages ?? view.Messages;
        if (messages is [.., { Role: "assistant" } last] && timeProvider.GetUtcNow() - last.CreatedAt <= ChatLimits.RecentAnswerWindow)
        {
            await ChatStreamRelay.WriteSingleAsync(context.Response, ChatStreamChunks.AppendMessage(AppendedMessageJson(last)), cancellationToken);
        }

        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<StopResponse>, ProblemHttpResult>> StopAsync(
        string id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return ChatAccess.SignInFirst();
        }

        var (chat, problem) = await ChatAccess.OwnAsync(cluster, id, caller, cancellationToken);
        if (chat is null)
        {
            return problem!;
        }

        var latest = (await cluster.GetGrain<IChatGrain>(chat.Id).GetAsync(cancellationToken))?.LatestStream;
        var stopped = latest is not null && await cluster.GetGrain<IChatStreamGrain>(latest.StreamId).StopAsync(cancellationToken);
        return TypedResults.Ok(new StopResponse(stopped));
    }

    // The UI message the frontend appends: {id, role, parts, metadata: {createdAt}}.
    private static string AppendedMessageJson(ChatMessageInfo message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", message.Id);
            writer.WriteString("role", message.Role);
            writer.WritePropertyName("parts");
            message.Parts.WriteTo(writer);
            writer.WriteStartObject("metadata");
            writer.WriteString("createdAt", ChatTimestamps.Of(message.CreatedAt));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
