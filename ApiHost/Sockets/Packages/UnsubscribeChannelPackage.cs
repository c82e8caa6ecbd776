namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>pkg_id 22: ends the connection's subscription to a channel (pkg_id 20).</summary>
public sealed class UnsubscribeChannelPackage : IPackageHandler
{
    public int PackageId => 22;

    public string Name => "channels.unsubscribe";

    public string Description => "Ends a subscription of this connection: data {\"channel\": name}; answers {\"unsubscribed\": whether there was one}.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => """
        {
          "type": "object",
          "required": ["channel"],
          "properties": { "channel": { "type": "string", "minLength": 1 } }
        }
        """;

    public Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken) =>
        Task.FromResult(PackageReply.Ok(new UnsubscribedData(SubscribeChannelPackage.Unsubscribe(call.Connection, call.Request.Data.GetProperty("channel").GetString()!))));

    private sealed record UnsubscribedData(bool Unsubscribed);
}
