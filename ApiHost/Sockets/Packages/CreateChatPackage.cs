using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 3: creates an empty chat, with a title and visibility or the defaults; creating it again is harmless.</summary>
public sealed class CreateChatPackage(IClusterClient cluster) : IPackageHandler
{
    public int PackageId => 3;

    public string Name => "chats.create";

    public string Description =>
        "Creates a chat: data {\"id\": a UUID (default a new one), \"title\": up to 80 characters, \"visibility\": \"private\" (default) or \"public\"}.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => $$"""
        {
          "type": "object",
          "properties": {
            "id": { "type": "string", "format": "uuid" },
            "title": { "type": "string", "maxLength": {{ChatLimits.MaxTitleLength}} },
            "visibility": { "enum": ["private", "public"] }
          }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var data = call.Request.Data;
        var id = data.TryGetProperty("id", out var idValue) ? Guid.Parse(idValue.GetString()!) : Guid.CreateVersion7();
        var title = data.TryGetProperty("title", out var titleValue) ? titleValue.GetString() : null;
        var visibility = data.TryGetProperty("visibility", out var visibilityValue) && visibilityValue.GetString() == "public"
            ? ChatVisibility.Public
            : ChatVisibility.Private;
        var chat = await cluster.GetGrain<IChatGrain>(id.ToString()).CreateAsync(call.Caller.User.Id, title, visibility, cancellationToken);
        return chat is null
            ? PackageReply.Invalid("conflict:chat", $"The chat {id} belongs to another user; leave out id for a new one.")
            : PackageReply.Ok(ChatResponse.From(chat));
    }
}
