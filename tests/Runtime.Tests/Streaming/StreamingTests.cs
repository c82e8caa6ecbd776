using Cluster.Runtime.Core;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Streaming;

/// <summary>
/// The streaming semantics every caller gets, whether it runs in the silo's process (<see cref="LocalStreamingTests"/>)
/// or in another host over TCP (<see cref="Remote.RemoteStreamingTests"/>).
/// </summary>
public abstract class StreamingTests
{
    [Fact]
    public async Task CountAsync_FullEnumeration_YieldsEveryItemInOrder()
    {
        await using var caller = await StartCallerAsync();
        var grain = caller.Grains.GetGrain<IStreamGrain>(Probe.NewKey());

        var items = new List<int>();
        await foreach (var item in grain.CountAsync(500, 0))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 500), items);
    }

    [Fact]
    public async Task CountAsync_BreakEarly_CalleeIterationEndsAndGrainServesNextCall()
    {
        await using var caller = await StartCallerAsync();
        var key = Probe.NewKey();
        var grain = caller.Grains.GetGrain<IStreamGrain>(key);

        await foreach (var item in grain.CountAsync(1_000_000, 1))
        {
            if (item == 3)
            {
                break;
            }
        }

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("finally"), because: "the grain's iterator is disposed");
        Assert.True(Probe.EventsOf(key).Count(e => e.StartsWith("produced", StringComparison.Ordinal)) < 1000);
        Assert.Equal("pong", await grain.PingAsync().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task CountAsync_CallerCancels_ThrowsOperationCanceledAndCalleeStops()
    {
        await using var caller = await StartCallerAsync();
        var key = Probe.NewKey();
        var grain = caller.Grains.GetGrain<IStreamGrain>(key);
        using var cancellation = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in grain.CountAsync(1_000_000, 1).WithCancellation(cancellation.Token))
            {
                if (++received == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("finally"), because: "cancellation reaches the grain's iterator");
    }

    [Fact]
    public async Task CountAsync_FirstItemLaterThanResponseTimeout_CallerTimesOutAndGrainIteratorIsCancelled()
    {
        await using var caller = await StartCallerAsync(TimeSpan.FromMilliseconds(300));
        var key = Probe.NewKey();
        var grain = caller.Grains.GetGrain<IStreamGrain>(key);

        // Activated first (retrying, as a busy test run can take longer than this caller's timeout to activate): a
        // call still waiting for its activation when its caller times out is never run at all, and this test is
        // about an iterator that did start.
        await Probe.WaitUntilAsync(async () => await PingWithinTimeoutAsync(grain), because: "the grain activates");
        await Assert.ThrowsAsync<GrainCallTimeoutException>(async () =>
        {
            await foreach (var item in grain.CountAsync(10, 60_000))
            {
                Assert.Fail($"no item was due, got {item}");
            }
        });

        await Probe.WaitUntilAsync(() => Probe.EventsOf(key).Contains("finally"), because: "the grain's iterator is cancelled");
        Assert.Equal("pong", await grain.PingAsync());
    }

    [Fact]
    public async Task FailAfterAsync_IteratorThrows_CallerGetsItemsThenException()
    {
        await using var caller = await StartCallerAsync();
        var grain = caller.Grains.GetGrain<IStreamGrain>(Probe.NewKey());
        var items = new List<string>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in grain.FailAfterAsync(3))
            {
                items.Add(item);
            }
        });

        Assert.Equal(["item 0", "item 1", "item 2"], items);
        Assert.Equal("the stream broke", exception.Message);
    }

    [Fact]
    public async Task CountAsync_EnumeratedTwice_RunsTheMethodTwice()
    {
        await using var caller = await StartCallerAsync();
        var stream = caller.Grains.GetGrain<IStreamGrain>(Probe.NewKey()).CountAsync(3, 0);

        var first = await ToListAsync(stream);
        var second = await ToListAsync(stream);

        Assert.Equal([0, 1, 2], first);
        Assert.Equal([0, 1, 2], second);
    }

    /// <summary>Starts a silo and whatever calls it; <paramref name="responseTimeout"/> is the caller's.</summary>
    protected abstract Task<Caller> StartCallerAsync(TimeSpan? responseTimeout = null);

    protected static async Task<List<int>> ToListAsync(IAsyncEnumerable<int> stream)
    {
        var list = new List<int>();
        await foreach (var item in stream)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>The grain factory the test calls through and the hosts to dispose afterwards.</summary>
    protected sealed record Caller(IGrainFactory Grains, IAsyncDisposable Hosts) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Hosts.DisposeAsync();
    }

    private static async Task<bool> PingWithinTimeoutAsync(IStreamGrain grain)
    {
        try
        {
            return await grain.PingAsync() == "pong";
        }
        catch (GrainCallTimeoutException)
        {
            return false;
        }
    }
}
