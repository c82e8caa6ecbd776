using System.Net;
using Cluster.ApiHost.Channels;
using Cluster.ApiHost.Tests.Chats;
using Cluster.ApiHost.Tests.Sockets;
using Cluster.Grains.Interfaces.Channels;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.ApiHost.Tests.Channels;

[Collection(IdentityClusterCollection.Name)]
public sealed class ChannelEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Publish_ThroughOneHost_SubscribersOnBothHostsGetItInOrder()
    {
        using var api = cluster.Client();
        using var other = cluster.Client(second: true);
        var admin = await cluster.NewAdminAsync(api);
        var reader = await api.RegisterNewAsync();
        var channel = NewChannel();
        using var onFirst = await ChannelEvents.OpenAsync(api, channel, reader.AccessToken);
        using var onSecond = await ChannelEvents.OpenAsync(other, channel, reader.AccessToken);

        using var first = await other.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { price = 1 }, admin);
        using var second = await other.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { price = 2 }, admin);
        var published = await first.JsonAsync();
        var a1 = await onFirst.NextAsync();
        var a2 = await onFirst.NextAsync();
        var b1 = await onSecond.NextMessageAsync();
        var b2 = await onSecond.NextMessageAsync();

        Assert.Equal(HttpStatusCode.OK, onFirst.Status);
        Assert.Equal("text/event-stream", onFirst.ContentType);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("message", a1!.Value.Type);
        Assert.Equal(published.GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), a1.Value.Id);
        Assert.Equal(1, a1.Value.Data.GetProperty("payload").GetProperty("price").GetInt32());
        Assert.Equal(2, a2!.Value.Data.GetProperty("payload").GetProperty("price").GetInt32());
        Assert.Equal(a1.Value.Data.GetProperty("publisher").GetString(), b1.GetProperty("publisher").GetString());
        Assert.Equal(1, b1.GetProperty("payload").GetProperty("price").GetInt32());
        Assert.Equal(b1.GetProperty("sequence").GetInt64() + 1, b2.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task PublishAndSubscribe_WithoutTheRight_AreRefusedWithTheReason()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var user = await api.RegisterNewAsync();

        using var byUser = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{NewChannel()}/messages", new { a = 1 }, user.AccessToken);
        using var onConfigChannel = await api.SendJsonAsync(HttpMethod.Post, "/api/channels/config.endpoints/messages", new { a = 1 }, admin);
        using var badName = await api.SendJsonAsync(HttpMethod.Post, "/api/channels/Bad Name/messages", new { a = 1 }, admin);
        using var tooLarge = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{NewChannel()}/messages", new { text = new string('x', ChannelNames.MaxPayloadBytes) }, admin);
        using var configEvents = await ChannelEvents.OpenAsync(api, "config.endpoints", user.AccessToken);
        using var anonymous = await api.GetAsync($"/api/channels/{NewChannel()}/events");

        await byUser.AssertProblemAsync(403, "forbidden:channels");
        await onConfigChannel.AssertProblemAsync(403, "forbidden:channels");
        await badName.AssertProblemAsync(400, "bad_request:api");
        await tooLarge.AssertProblemAsync(413, "bad_request:channels");
        Assert.Equal(HttpStatusCode.Forbidden, configEvents.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task PublishAndSubscribe_UnderTheEndpointsRules_OnlyTheNamedGroup()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var member = await api.RegisterNewAsync();
        var outsider = await api.RegisterNewAsync();
        var group = await api.CreateGroupAsync(admin);
        using (await api.SendAsync(HttpMethod.Post, $"/api/admin/groups/{group.Id}/members/{member.User.Id}", bearer: admin))
        {
        }

        var channel = NewChannel();
        var rule = new Dictionary<string, object> { [channel] = new { publish = new[] { $"group:{group.Name}" }, subscribe = new[] { $"group:{group.Name}" } } };
        await Configs.ConfigApi.SaveAsync(api, admin, Grains.Interfaces.Configs.ConfigNames.Endpoints, new { channels = rule, producers = Array.Empty<object>() });
        try
        {
            // API hosts read the rules at most every few seconds.
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    using var attempt = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { a = 1 }, member.AccessToken);
                    return attempt.StatusCode == HttpStatusCode.Accepted;
                },
                TimeSpan.FromSeconds(20),
                "the member's publish to be allowed");
            using var byOutsider = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { a = 1 }, outsider.AccessToken);
            using var byAdmin = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { a = 1 }, admin);
            using var outsiderEvents = await ChannelEvents.OpenAsync(api, channel, outsider.AccessToken);
            using var memberEvents = await ChannelEvents.OpenAsync(api, channel, member.AccessToken);

            await byOutsider.AssertProblemAsync(403, "forbidden:channels");
            await byAdmin.AssertProblemAsync(403, "forbidden:channels");
            Assert.Equal(HttpStatusCode.Forbidden, outsiderEvents.Status);
            Assert.Equal(HttpStatusCode.OK, memberEvents.Status);
        }
        finally
        {
            await Configs.ConfigApi.SaveAsync(api, admin, Grains.Interfaces.Configs.ConfigNames.Endpoints, new { channels = new { }, producers = Array.Empty<object>() });
        }
    }

    [Fact]
    public async Task Subscribe_WithLastEventId_ReplaysWhatTheChannelKept()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var channel = NewChannel();
        using var live = await ChannelEvents.OpenAsync(api, channel, admin);
        var sequences = new List<long>();
        for (var index = 1; index <= 3; index++)
        {
            using var published = await api.SendJsonAsync(HttpMethod.Post, $"/api/channels/{channel}/messages", new { index }, admin);
            sequences.Add((await published.JsonAsync()).GetProperty("sequence").GetInt64());
        }

        await live.NextMessageAsync();
        using var resumed = await ChannelEvents.OpenAsync(cluster.Client(second: true), channel, admin, lastEventId: sequences[0]);
        var replayed = new[] { await resumed.NextMessageAsync(), await resumed.NextMessageAsync() };

        Assert.Equal(sequences[1..], replayed.Select(message => message.GetProperty("sequence").GetInt64()));
        Assert.Equal([2, 3], replayed.Select(message => message.GetProperty("payload").GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task FanOut_ToAThousandSubscribers_SlowOneDroppedOthersGetEveryMessage()
    {
        var hub = cluster.First.Services.GetRequiredService<ChannelHub>();
        var client = await cluster.Cluster.CreateClientAsync();
        var channel = NewChannel();
        const int Messages = 300;
        const int Batch = 100;
        var subscriptions = Enumerable.Range(0, 1000).Select(_ => hub.Subscribe(channel, afterSequence: null)).ToList();
        var slow = subscriptions[0];
        var readers = subscriptions.Skip(1).ToList();
        var counts = new int[readers.Count];
        try
        {
            // The feed subscribes with its first subscriber: a first message every reader gets shows it is live.
            var first = await client.GetGrain<IChannelGrain>(channel).PublishAsync("0", "test");
            await Task.WhenAll(readers.Select(reader => reader.Messages.WaitToReadAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30));
            var reading = readers.Select((reader, index) => Task.Run(() => ReadAsync(reader, Messages, counts, index))).ToList();

            // Batches smaller than the buffer, each awaited until every reader has it: the readers keep up by
            // construction, and only the one that never reads falls behind.
            for (var published = 1; published < Messages; published += Batch)
            {
                for (var index = published; index < Math.Min(Messages, published + Batch); index++)
                {
                    await client.GetGrain<IChannelGrain>(channel).PublishAsync(index.ToString(System.Globalization.CultureInfo.InvariantCulture), "test");
                }

                var target = Math.Min(Messages, published + Batch);
                await Eventually.WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, counts.Length).All(reader => Volatile.Read(ref counts[reader]) >= target)), TimeSpan.FromSeconds(30), "every reader to read the batch");
            }

            var received = await Task.WhenAll(reading).WaitAsync(TimeSpan.FromSeconds(30));

            var expected = Enumerable.Range(0, Messages).Select(offset => first.Sequence + offset).ToList();
            Assert.All(received, sequences => Assert.Equal(expected, sequences));
            Assert.NotNull(slow.DropReason);
            Assert.Contains("Channels:SubscriberBuffer", slow.DropReason);
            var unread = 0;
            while (slow.Messages.TryRead(out _))
            {
                unread++;
            }

            Assert.Equal(256, unread);
            Assert.True(slow.Messages.Completion.IsCompleted);
        }
        finally
        {
            subscriptions.ForEach(subscription => subscription.Dispose());
        }
    }

    [Fact]
    public async Task Subscribe_RightAfterTheLastSubscriberLeft_IsNotDroppedAndGetsMessages()
    {
        var hub = cluster.First.Services.GetRequiredService<ChannelHub>();
        var client = await cluster.Cluster.CreateClientAsync();
        var channel = NewChannel();

        // The leave and the join land on the feed back to back, so the feed sees them in one turn or the next: either
        // way the new subscriber must be served, by the same feed or by a new one.
        for (var round = 0; round < 20; round++)
        {
            var leaving = hub.Subscribe(channel, afterSequence: null);
            await leaving.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            leaving.Dispose();
            using var joining = hub.Subscribe(channel, afterSequence: null);
            await joining.Ready.WaitAsync(TimeSpan.FromSeconds(30));
            var published = await client.GetGrain<IChannelGrain>(channel).PublishAsync(round.ToString(System.Globalization.CultureInfo.InvariantCulture), "test");
            var received = await joining.Messages.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Null(joining.DropReason);
            Assert.Equal(published.Sequence, received.Sequence);
        }
    }

    [Fact]
    public async Task WebSocket_SubscribeAndPublishPackages_PushMessagesUntilUnsubscribed()
    {
        using var api = cluster.Client();
        var admin = await cluster.NewAdminAsync(api);
        var reader = await api.RegisterNewAsync();
        var channel = NewChannel();
        using var subscriber = await PackageSocket.ConnectAsync(cluster.First, $"?token={reader.AccessToken}");
        using var publisher = await PackageSocket.ConnectAsync(cluster.Second, $"?token={admin}");

        var subscribed = await subscriber.AskAsync(20, new { channel });
        var again = await subscriber.AskAsync(20, new { channel });
        var published = await publisher.AskAsync(21, new { channel, payload = new { hello = "world" } });
        var pushed = await subscriber.ReceiveJsonAsync();
        var denied = await subscriber.AskAsync(21, new { channel, payload = 1 });
        var unsubscribed = await subscriber.AskAsync(22, new { channel });
        var resubscribed = await subscriber.AskAsync(20, new { channel });
        await publisher.AskAsync(21, new { channel, payload = new { hello = "again" } });
        var pushedAgain = await subscriber.ReceiveJsonAsync();

        Assert.Equal(0, subscribed.GetProperty("status_code").GetInt32());
        Assert.Equal(2, again.GetProperty("status_code").GetInt32());
        Assert.Equal(0, published.GetProperty("status_code").GetInt32());
        Assert.Equal(20, pushed.GetProperty("pkg_id").GetInt32());
        Assert.Equal(subscribed.GetProperty("req_id").GetString(), pushed.GetProperty("req_id").GetString());
        Assert.Equal("world", pushed.GetProperty("data").GetProperty("payload").GetProperty("hello").GetString());
        Assert.Equal(published.GetProperty("data").GetProperty("sequence").GetInt64(), pushed.GetProperty("data").GetProperty("sequence").GetInt64());
        Assert.Equal(3, denied.GetProperty("status_code").GetInt32());
        Assert.True(unsubscribed.GetProperty("data").GetProperty("unsubscribed").GetBoolean());
        Assert.Equal(0, resubscribed.GetProperty("status_code").GetInt32());
        Assert.Equal(resubscribed.GetProperty("req_id").GetString(), pushedAgain.GetProperty("req_id").GetString());
        Assert.Equal("again", pushedAgain.GetProperty("data").GetProperty("payload").GetProperty("hello").GetString());
    }

    private static string NewChannel() => $"test-{Guid.NewGuid():N}";

    private static async Task<List<long>> ReadAsync(ChannelSubscription subscription, int count, int[] counts, int index)
    {
        var received = new List<long>();
        await foreach (var message in subscription.Messages.ReadAllAsync())
        {
            received.Add(message.Sequence);
            Volatile.Write(ref counts[index], received.Count);
            if (received.Count == count)
            {
                break;
            }
        }

        return received;
    }
}
