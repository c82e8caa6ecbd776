using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 5: stops the answer a chat is generating, whichever host or silo runs it, as <c>POST /api/chat/{id}/stop</c>.</summary>
public sealed class StopChatPackage(IClusterClient cluster) : IPackageHandler
{
    public int PackageId => 5;

    public string Name => "chats.stop";

    public string Description => "Stops the answer in progress: data {\"chat_id\": the chat's UUID}; answers {\"stopped\": whether one was running}.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => """
        {
          "type": "object",
          "required": ["chat_id"],
          "properties": { "chat_id": { "type": "string", "format": "uuid" } }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var chatId = Guid.Parse(call.Request.Data.GetProperty("chat_id").GetString()!).ToString();
        var view = await cluster.GetGrain<IChatGrain>(chatId).GetAsync(cancellationToken);
        if (view is null || view.Chat.OwnerId != call.Caller.User.Id)
        {
            return PackageReply.Error($"You have no chat {chatId}.");
        }

        var stopped = view.LatestStream is { } latest && await cluster.GetGrain<IChatStreamGrain>(latest.StreamId).StopAsync(cancellationToken);
        return PackageReply.Ok(new StopData(stopped));
    }

    private sealed record StopData(bool Stopped);
}
