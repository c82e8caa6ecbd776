using Cluster.ApiHost.Hosting;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.ApiHost.Chats;

/// <summary>Who may read and change a chat, decided in one place: its owner always, anyone when it is public.</summary>
public static class ChatAccess
{
    /// <summary>The chat when the caller may read it; otherwise the problem to answer (404 missing, 403 private).</summary>
    public static async Task<(ChatView? Chat, ProblemHttpResult? Problem)> ReadAsync(
        IClusterClient cluster, string id, AuthenticatedCaller? caller, CancellationToken cancellationToken)
    {
        var view = Guid.TryParse(id, out var key) ? await cluster.GetGrain<IChatGrain>(key.ToString()).GetAsync(cancellationToken) : null;
        if (view is null)
        {
            return (null, NotFound(id));
        }

        return view.Chat.Visibility == ChatVisibility.Public || IsOwner(view.Chat, caller)
            ? (view, null)
            : (null, ApiProblem.Forbidden("chat", "This chat is private to its owner."));
    }

    /// <summary>The chat when the caller owns it; otherwise the problem to answer (404 missing, 403 another's).</summary>
    public static async Task<(ChatInfo? Chat, ProblemHttpResult? Problem)> OwnAsync(
        IClusterClient cluster, string? id, AuthenticatedCaller caller, CancellationToken cancellationToken)
    {
        var chat = Guid.TryParse(id, out var key) ? await cluster.GetGrain<IChatGrain>(key.ToString()).GetInfoAsync(cancellationToken) : null;
        if (chat is null)
        {
            return (null, NotFound(id));
        }

        return IsOwner(chat, caller) ? (chat, null) : (null, ApiProblem.Forbidden("chat", "Only the chat's owner may do this."));
    }

    public static bool IsOwner(ChatInfo chat, AuthenticatedCaller? caller) => caller is not null && chat.OwnerId == caller.User.Id;

    /// <summary>401 <c>unauthorized:chat</c>.</summary>
    public static ProblemHttpResult SignInFirst() => ApiProblem.Create(StatusCodes.Status401Unauthorized, "unauthorized:chat", "Sign in first; chats belong to their users.");

    private static ProblemHttpResult NotFound(string? id) => ApiProblem.NotFound("chat", $"There is no chat '{id}'.");
}
