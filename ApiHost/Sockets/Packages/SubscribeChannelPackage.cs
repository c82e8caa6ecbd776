using System.Runtime.CompilerServices;
using Cluster.ApiHost.Channels;
using Cluster.ApiHost.Plugins;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>
/// pkg_id 20: subscribes the connection to a channel, as <c>GET /api/channels/{name}/events</c> does. The answer
/// confirms; then each message is pushed with this pkg_id and req_id, as <see cref="ChannelEventJson"/> writes it, until
/// pkg_id 22 or the connection ends. A subscriber that falls behind gets a <c>dropped</c> notice and no more messages.
/// </summary>
public sealed partial class SubscribeChannelPackage(ChannelHub hub, ChannelAccess access, CallerGroups groups, ILogger<SubscribeChannelPackage> logger) : IPackageHandler
{
    // Each connection's subscriptions by channel, gone with the connection.
    private static readonly ConditionalWeakTable<IPackagePushTarget, Dictionary<string, ChannelSubscription>> Subscriptions = [];

    public int PackageId => 20;

    public string Name => "channels.subscribe";

    public string Description =>
        "Subscribes to a channel: data {\"channel\": name, \"after\": optional sequence number to replay from}; answers {\"channel\"}, then pushes each message {channel, sequence, publishedAt, publisher, payload}, and {type: \"dropped\", reason} if the connection falls behind.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => """
        {
          "type": "object",
          "required": ["channel"],
          "properties": {
            "channel": { "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,127}$" },
            "after": { "type": "integer", "minimum": 0 }
          }
        }
        """;

    /// <summary>Ends the connection's subscription to <paramref name="channel"/>; false when it had none.</summary>
    public static bool Unsubscribe(IPackagePushTarget connection, string channel) => Unsubscribe(connection, channel, only: null);

    // With 'only', the subscription ends only if it is still that one: a pusher ending late must not end the subscription
    // that pkg_id 22 and a new pkg_id 20 put in its place.
    private static bool Unsubscribe(IPackagePushTarget connection, string channel, ChannelSubscription? only)
    {
        ChannelSubscription? subscription = null;
        if (Subscriptions.TryGetValue(connection, out var byChannel))
        {
            lock (byChannel)
            {
                if (byChannel.TryGetValue(channel, out var current) && (only is null || ReferenceEquals(current, only)))
                {
                    byChannel.Remove(channel);
                    subscription = current;
                }
            }
        }

        subscription?.Dispose();
        return subscription is not null;
    }

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var channel = call.Request.Data.GetProperty("channel").GetString()!;
        long? after = call.Request.Data.TryGetProperty("after", out var afterElement) ? afterElement.GetInt64() : null;
        // The contract's status 3 carries a fixed message; the HTTP route says why.
        if (await access.SubscribeDeniedAsync(channel, call.Caller, await groups.NamesAsync(call.Caller, cancellationToken), cancellationToken) is not null)
        {
            return PackageReply.Denied(PackageId);
        }

        var byChannel = Subscriptions.GetOrCreateValue(call.Connection);
        ChannelSubscription subscription;
        lock (byChannel)
        {
            if (byChannel.ContainsKey(channel))
            {
                return PackageReply.Invalid("conflict:channels", $"This connection is subscribed to '{channel}' already; send pkg_id 22 to end that subscription first.");
            }

            subscription = hub.Subscribe(channel, after);
            byChannel[channel] = subscription;
        }

        // The answer may never go out (the connection closing), and then nothing pushes: the end of the connection ends
        // the subscription either way.
        var connection = call.Connection;
        var closing = connection.Closed.Register(() => Unsubscribe(connection, channel, subscription));

        // Confirmed once the feed has the subscriber, so a message published right after the answer reaches it.
        await subscription.Ready.WaitAsync(cancellationToken);
        return PackageReply.Ok(new SubscribedData(channel)) with { Then = () => PushAsync(call, subscription, closing) };
    }

    private async Task PushAsync(PackageCall call, ChannelSubscription subscription, CancellationTokenRegistration closing)
    {
        var connection = call.Connection;
        var requestId = call.Request.RequestId;
        try
        {
            await foreach (var message in subscription.Messages.ReadAllAsync(connection.Closed))
            {
                // False once the connection is closing (a client too slow for its own queue is cut off there).
                if (!connection.Push(PackageId, requestId, ChannelEventJson.Write(message, subscription.Channel)))
                {
                    return;
                }
            }

            if (subscription.DropReason is { } reason)
            {
                connection.Push(PackageId, requestId, ChannelEventJson.Notice("dropped", subscription.Channel, "reason", reason));
            }
        }
        catch (OperationCanceledException) when (connection.Closed.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogPushFailed(logger, exception, subscription.Channel);
        }
        finally
        {
            await closing.DisposeAsync();
            Unsubscribe(connection, subscription.Channel, subscription);
            subscription.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing channel {Channel} to a WebSocket failed")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string channel);

    private sealed record SubscribedData(string Channel);
}
