using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Chats;

/// <summary>
/// Starts the answer to a user's message, for <c>POST /api/chat</c> and the WebSocket's send package alike: the
/// body's checks, the model's access, the daily quota, then the chat grain.
/// </summary>
public sealed class ChatSender(IClusterClient cluster, ChatModelAccess models, IOptions<ChatQuotaOptions> quota)
{
    /// <summary>How long a caller over its quota is told to wait before trying again.</summary>
    public static readonly TimeSpan QuotaRetryAfter = TimeSpan.FromHours(1);

    /// <summary>The started answer, or why it did not start. <paramref name="request"/> has passed <see cref="ChatRequestValidation.Problem"/>.</summary>
    public async Task<ChatSendResult> StartAsync(ChatPostRequest request, AuthenticatedCaller caller, CancellationToken cancellationToken)
    {
        var (model, allowed) = await models.CheckAsync(request.SelectedChatModel!, caller, cancellationToken);
        if (model is null)
        {
            return Failed(StatusCodes.Status400BadRequest, "bad_request:api", $"selectedChatModel '{request.SelectedChatModel}' is not a model of this cluster; GET /api/models lists them.");
        }

        if (!allowed)
        {
            return Failed(StatusCodes.Status403Forbidden, "forbidden:chat", $"The model '{model.Id}' is only for members of: {string.Join(", ", model.AllowedGroups)}.");
        }

        var limits = quota.Value;
        var limit = caller.User.Type == UserType.Guest ? limits.GuestMessages : limits.RegularMessages;
        if (!await cluster.GetGrain<IChatQuotaGrain>(caller.User.Id).TryTakeAsync(limit, limits.Window, cancellationToken))
        {
            return Failed(StatusCodes.Status429TooManyRequests, "rate_limit:chat", $"At most {limit} messages per {limits.Window.TotalHours:0} hours are allowed for your account.");
        }

        var message = request.Message!;
        var turn = new ChatTurn(caller.User.Id, message.Id!, message.Parts.Clone(), model.Id, ChatRequestValidation.VisibilityOf(request));
        var started = await cluster.GetGrain<IChatGrain>(Guid.Parse(request.Id!).ToString()).SendAsync(turn, cancellationToken);
        return started.Outcome switch
        {
            ChatTurnOutcome.Forbidden => Failed(StatusCodes.Status403Forbidden, "forbidden:chat", "This chat belongs to another user."),
            ChatTurnOutcome.Full => Failed(StatusCodes.Status400BadRequest, "bad_request:api", $"This chat has {ChatLimits.MaxMessages} messages, the most a chat holds; start a new chat."),
            _ => new ChatSendResult(started.StreamId, started.AssistantMessageId, null),
        };
    }

    private static ChatSendResult Failed(int status, string code, string message) => new(null, null, new ChatSendFailure(status, code, message));
}
