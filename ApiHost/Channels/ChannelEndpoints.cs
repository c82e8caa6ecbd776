using System.Globalization;
using System.Text.Json;
using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Channels;

/// <summary>
/// Cluster-wide publish/subscribe: publish with <c>POST /api/channels/{name}/messages</c>, subscribe with SSE on
/// <c>GET /api/channels/{name}/events</c> (or the WebSocket packages). Access: <see cref="ChannelAccess"/>.
/// </summary>
public static class ChannelEndpoints
{
    private static readonly byte[] Separator = "\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var channels = endpoints.MapGroup("/api/channels/{name}").WithTags("Channels").RequireAuthorization();
        channels.MapPost("/messages", PublishAsync).Accepts<JsonElement>("application/json");
        channels.MapGet("/events", SubscribeAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return endpoints;
    }

    private static async Task<Results<Accepted<ChannelPublishedResponse>, ProblemHttpResult>> PublishAsync(
        string name, JsonElement payload, HttpContext context, ChannelAccess access, CallerGroups groups, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!ChannelNames.IsValid(name))
        {
            return BadName(name);
        }

        var caller = context.RequiredCaller();
        if (await access.PublishDeniedAsync(name, caller, await groups.NamesAsync(context, cancellationToken), cancellationToken) is { } denied)
        {
            return ApiProblem.Forbidden("channels", denied);
        }

        var json = payload.GetRawText();
        if (!ChannelNames.FitsPayload(json))
        {
            return ApiProblem.Create(StatusCodes.Status413PayloadTooLarge, "bad_request:channels", ChannelNames.PayloadTooLarge);
        }

        var message = await cluster.GetGrain<IChannelGrain>(name).PublishAsync(json, caller.User.Id, cancellationToken);
        return TypedResults.Accepted($"/api/channels/{name}/events", new ChannelPublishedResponse(name, message.Sequence, message.PublishedAt));
    }

    // Server-sent events: each message with its sequence number as the event id, so a reconnecting EventSource resumes
    // from what the channel still keeps; a 'missed' event counts what it no longer keeps, a 'dropped' event ends a
    // subscriber that fell behind.
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> SubscribeAsync(
        string name,
        long? after,
        HttpContext context,
        ChannelAccess access,
        CallerGroups groups,
        ChannelHub hub,
        IOptions<ChannelFanOutOptions> options,
        CancellationToken cancellationToken)
    {
        if (!ChannelNames.IsValid(name))
        {
            return BadName(name);
        }

        if (await access.SubscribeDeniedAsync(name, context.RequiredCaller(), await groups.NamesAsync(context, cancellationToken), cancellationToken) is { } denied)
        {
            return ApiProblem.Forbidden("channels", denied);
        }

        var resumeFrom = after ?? (long.TryParse(context.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : null);
        using var subscription = hub.Subscribe(name, resumeFrom);

        // The 200 tells the client it is subscribed: only true once the feed delivers to it.
        await subscription.Ready.WaitAsync(cancellationToken);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 3000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        try
        {
            await PumpAsync(subscription, response, options.Value.Heartbeat, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }

        return TypedResults.Empty;
    }

    private static async Task PumpAsync(ChannelSubscription subscription, HttpResponse response, TimeSpan heartbeat, CancellationToken cancellationToken)
    {
        var reader = subscription.Messages;
        long missedShown = 0;
        while (true)
        {
            using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            keepAlive.CancelAfter(heartbeat);
            bool open;
            try
            {
                open = await reader.WaitToReadAsync(keepAlive.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                continue;
            }

            if (subscription.Missed > missedShown)
            {
                await WriteEventAsync(response, "missed", null, ChannelEventJson.Notice("missed", subscription.Channel, "count", subscription.Missed - missedShown), cancellationToken);
                missedShown = subscription.Missed;
            }

            while (reader.TryRead(out var message))
            {
                await WriteEventAsync(response, "message", message.Sequence, ChannelEventJson.Write(message, subscription.Channel), cancellationToken);
            }

            if (!open)
            {
                if (subscription.DropReason is { } reason)
                {
                    await WriteEventAsync(response, "dropped", null, ChannelEventJson.Notice("dropped", subscription.Channel, "reason", reason), cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
                return;
            }

            await response.Body.FlushAsync(cancellationToken);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, long? id, byte[] data, CancellationToken cancellationToken)
    {
        var header = id is { } sequence ? $"id: {sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {type}\ndata: " : $"event: {type}\ndata: ";
        await response.WriteAsync(header, cancellationToken);
        await response.Body.WriteAsync(data, cancellationToken);
        await response.Body.WriteAsync(Separator, cancellationToken);
    }

    private static ProblemHttpResult BadName(string name) =>
        ApiProblem.BadRequest($"'{name}' is not a channel name; use {ChannelNames.Rule}.");
}
