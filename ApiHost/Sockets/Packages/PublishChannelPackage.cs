using Cluster.ApiHost.Channels;
using Cluster.ApiHost.Plugins;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Runtime.Core;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 21: publishes a message to a channel, as <c>POST /api/channels/{name}/messages</c> does.</summary>
public sealed class PublishChannelPackage(IClusterClient cluster, ChannelAccess access, CallerGroups groups) : IPackageHandler
{
    public int PackageId => 21;

    public string Name => "channels.publish";

    public string Description => "Publishes: data {\"channel\": name, \"payload\": any JSON}; answers {channel, sequence, publishedAt}.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => """
        {
          "type": "object",
          "required": ["channel", "payload"],
          "properties": { "channel": { "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,127}$" } }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var channel = call.Request.Data.GetProperty("channel").GetString()!;
        // The contract's status 3 carries a fixed message; the HTTP route says why.
        if (await access.PublishDeniedAsync(channel, call.Caller, await groups.NamesAsync(call.Caller, cancellationToken), cancellationToken) is not null)
        {
            return PackageReply.Denied(PackageId);
        }

        var payload = call.Request.Data.GetProperty("payload").GetRawText();
        if (!ChannelNames.FitsPayload(payload))
        {
            return PackageReply.Invalid("bad_request:channels", ChannelNames.PayloadTooLarge);
        }

        var message = await cluster.GetGrain<IChannelGrain>(channel).PublishAsync(payload, call.Caller.User.Id, cancellationToken);
        return PackageReply.Ok(new ChannelPublishedResponse(channel, message.Sequence, message.PublishedAt));
    }
}
