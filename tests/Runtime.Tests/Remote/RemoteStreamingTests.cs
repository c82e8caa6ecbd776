using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Streaming;

namespace Cluster.Runtime.Tests.Remote;

/// <summary>The semantics of <see cref="StreamingTests"/> with the caller in another host over TCP, plus what only a connection has.</summary>
public sealed class RemoteStreamingTests : StreamingTests
{
    protected override async Task<Caller> StartCallerAsync(TimeSpan? responseTimeout = null)
    {
        var cluster = await RemoteSiloAndClient.StartAsync(clientOptions: options => options.ResponseTimeout = responseTimeout ?? options.ResponseTimeout);
        return new Caller(cluster.Client, cluster);
    }

    [Fact]
    public async Task CountAsync_ItemsLaterThanResponseTimeoutAfterTheFirst_StreamCompletes()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync(clientOptions: options => options.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = cluster.Client.GetGrain<IStreamGrain>(Probe.NewKey());

        var items = new List<int>();
        await foreach (var item in grain.CountAsync(3, 0))
        {
            items.Add(item);
            await Task.Delay(TimeSpan.FromMilliseconds(400));
        }

        Assert.Equal([0, 1, 2], items);
    }

    [Fact]
    public async Task PayloadsAsync_SlowConsumerAcrossProcesses_ProducerStaysBoundedAhead()
    {
        // The producer may run ahead by the callee's buffer, the silo's send queue, the caller's buffer, and what
        // the sockets hold: back-pressure through TCP counts bytes, and Linux grows loopback socket buffers to
        // several MiB. Large items keep the sockets' share to a few dozen items, so a producer without
        // back-pressure (all 400 items at once) fails the bound while a bounded one stays well inside it.
        const int SendQueueCapacity = 4;
        const int ItemSize = 256 * 1024;
        const int SocketAllowance = 64;
        const int Bound = (GrainAsyncEnumerable<string>.BufferSize * 2) + SendQueueCapacity + SocketAllowance;
        await using var cluster = await RemoteSiloAndClient.StartAsync(siloTransport: options => options.SendQueueCapacity = SendQueueCapacity);
        var key = Probe.NewKey();
        var grain = cluster.Client.GetGrain<IStreamGrain>(key);

        var consumed = 0;
        var largestLead = 0;
        await foreach (var item in grain.PayloadsAsync(400, ItemSize))
        {
            Assert.Equal(ItemSize, item.Length);
            consumed++;
            largestLead = Math.Max(largestLead, Produced(key) - consumed);
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        Assert.Equal(400, consumed);
        Assert.True(largestLead > GrainAsyncEnumerable<string>.BufferSize, $"the producer ran ahead by only {largestLead} items: the consumer was not slow");
        Assert.True(largestLead < Bound, $"the producer ran ahead by {largestLead} items; the buffers allow {Bound}");
    }

    [Fact]
    public async Task CountAsync_CallerStopsReadingLongerThanStallLimit_StreamFailsAndConnectionServesOtherCalls()
    {
        var clock = new ManualTimeProvider();
        await using var cluster = await RemoteSiloAndClient.StartAsync(clientTime: clock);
        var key = Probe.NewKey();
        var grain = cluster.Client.GetGrain<IStreamGrain>(key);
        await using var enumerator = grain.CountAsync(1_000_000, 0).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());

        await WaitUntilProductionStallsAsync(key);
        clock.Advance(MessageConnection.StreamStallLimit + TimeSpan.FromSeconds(1));

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("finally"), because: "the stalled stream's iterator is cancelled");
        var exception = await Assert.ThrowsAsync<TimeoutException>(async () =>
        {
            while (await enumerator.MoveNextAsync())
            {
            }
        });
        Assert.Contains("buffer", exception.Message, StringComparison.Ordinal);
        Assert.Equal("pong", await grain.PingAsync().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    private static async Task WaitUntilProductionStallsAsync(string key)
    {
        var previous = -1;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (Produced(key) != previous)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the producer never waited: {Produced(key)} items produced");
            previous = Produced(key);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
    }

    private static int Produced(string key) => Probe.EventsOf(key).Count(e => e.StartsWith("produced", StringComparison.Ordinal));

}
