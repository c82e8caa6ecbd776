using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 1: the caller's newest chats, as <c>GET /api/history</c> shapes them.</summary>
public sealed class ListChatsPackage(IClusterClient cluster) : IPackageHandler
{
    private const int DefaultLimit = 20;

    public int PackageId => 1;

    public string Name => "chats.list";

    public string Description => "Your newest chats, newest first: data {\"limit\": 1-100 (default 20)}.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => $$"""
        {
          "type": "object",
          "properties": { "limit": { "type": "integer", "minimum": 1, "maximum": {{IChatDirectoryGrain.MaxPageSize}} } }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var limit = call.Request.Data.TryGetProperty("limit", out var value) ? value.GetInt32() : DefaultLimit;
        var page = await cluster.GetGrain<IChatDirectoryGrain>(call.Caller.User.Id).ListAsync(call.Caller.User.Id, limit, null, null, cancellationToken);
        return PackageReply.Ok(page!.Chats.Select(ChatResponse.From).ToList());
    }
}
