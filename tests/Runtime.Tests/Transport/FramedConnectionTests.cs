using System.Buffers.Binary;
using System.Net;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Runtime.Tests.Transport;

public sealed class FramedConnectionTests
{
    private static readonly TransportOptions Options = new() { MaxFrameSize = 64 * 1024, SendQueueCapacity = 8 };

    [Fact]
    public async Task SendAsync_FramesOfManySizes_ArriveWholeAndInOrder()
    {
        var (left, right, received) = Connect();
        var payloads = Enumerable.Range(0, 200).Select(i => Enumerable.Range(0, i * 97 % 20_000).Select(b => (byte)(b + i)).ToArray()).ToList();

        foreach (var payload in payloads)
        {
            await left.SendAsync(FrameType.Request, payload);
        }

        await Probe.WaitUntilAsync(() => received.Frames.Count == payloads.Count, because: "every frame arrives");
        Assert.Equal(payloads, received.Frames.Select(f => f.Payload));
        Assert.All(received.Frames, f => Assert.Equal(FrameType.Request, f.Type));
        await left.DisposeAsync();
        await right.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_FrameOverTheLimit_ThrowsNamingTheSettingAndSendsNothing()
    {
        var (left, right, received) = Connect();

        var exception = await Assert.ThrowsAsync<TransportException>(() => left.SendAsync(FrameType.Request, new byte[Options.MaxFrameSize]).AsTask());
        await left.SendAsync(FrameType.Ping, [1]);

        Assert.Contains("Transport:MaxFrameSize", exception.Message, StringComparison.Ordinal);
        await Probe.WaitUntilAsync(() => received.Frames.Count == 1, because: "the connection still works");
        Assert.Equal(FrameType.Ping, received.Frames.Single().Type);
        await left.DisposeAsync();
        await right.DisposeAsync();
    }

    [Fact]
    public async Task Read_PeerAnnouncesOversizedFrame_ClosesWithError()
    {
        var (peer, local) = SocketPair.Create();
        using var _ = peer;
        var handler = new RecordingFrameHandler();
        var connection = new FramedConnection(SocketStreams.Open(local), Options, handler, NullLogger.Instance, "test peer");
        connection.Start();

        var header = new byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(header, Options.MaxFrameSize + 1);
        header[4] = (byte)FrameType.Request;
        await peer.SendAsync(header);

        var error = await handler.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<TransportException>(error);
        Assert.Contains("limit", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_PeerClosesMidFrame_ClosesWithError()
    {
        var (peer, local) = SocketPair.Create();
        using var _ = peer;
        var handler = new RecordingFrameHandler();
        var connection = new FramedConnection(SocketStreams.Open(local), Options, handler, NullLogger.Instance, "test peer");
        connection.Start();

        await peer.SendAsync(new byte[] { 10, 0, 0, 0, (byte)FrameType.Request, 1, 2 });
        peer.Shutdown(System.Net.Sockets.SocketShutdown.Send);

        var error = await handler.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("middle of a frame", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_AfterSends_PeerReceivesEverythingThenGracefulClose()
    {
        var (left, _, received) = Connect();
        for (var i = 0; i < 50; i++)
        {
            await left.SendAsync(FrameType.OneWay, BitConverter.GetBytes(i));
        }

        await left.DisposeAsync();

        Assert.Null(await received.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Enumerable.Range(0, 50), received.Frames.Select(f => BitConverter.ToInt32(f.Payload)));
    }

    [Fact]
    public async Task SendAsync_PeerStopsReading_SendersWaitInsteadOfQueueingWithoutBound()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (left, right, received) = Connect(new RecordingFrameHandler(beforeEach: () => gate.Task), socketBufferSize: 16 * 1024);
        var payload = new byte[16 * 1024];

        var sends = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await left.SendAsync(FrameType.Request, payload);
            }
        });
        await Task.Delay(500);

        Assert.False(sends.IsCompleted);
        gate.SetResult();
        await sends.WaitAsync(TimeSpan.FromSeconds(20));
        await Probe.WaitUntilAsync(() => received.Frames.Count == 200, because: "the held-back frames arrive once the peer reads");
        await left.DisposeAsync();
        await right.DisposeAsync();
    }

    [Fact]
    public async Task Tcp_ConcurrentSendersOverLoopback_EchoesEveryFrameInPerSenderOrder()
    {
        var serverHandler = new RecordingFrameHandler(echo: true);
        var listener = new TcpFrameListener(new IPEndPoint(IPAddress.Loopback, 0), (stream, remoteName) =>
        {
            new FramedConnection(stream, Options, serverHandler, NullLogger.Instance, remoteName).Start();
            return Task.CompletedTask;
        }, NullLogger.Instance);
        listener.Start();
        var clientHandler = new RecordingFrameHandler();
        var stream = await SocketStreams.ConnectAsync("127.0.0.1", listener.LocalEndPoint.Port, TimeSpan.FromSeconds(5), CancellationToken.None);
        var client = new FramedConnection(stream, Options, clientHandler, NullLogger.Instance, "server");
        client.Start();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 2500; i++)
            {
                await client.SendAsync(FrameType.Request, [(byte)sender, .. BitConverter.GetBytes(i)]);
            }
        })));

        await Probe.WaitUntilAsync(() => clientHandler.Frames.Count == 10_000, TimeSpan.FromSeconds(30), "every frame is echoed");
        foreach (var sender in Enumerable.Range(0, 4))
        {
            var sequence = clientHandler.Frames.Where(f => f.Payload[0] == sender).Select(f => BitConverter.ToInt32(f.Payload, 1));
            Assert.Equal(Enumerable.Range(0, 2500), sequence);
        }

        await client.DisposeAsync();
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Connect_NothingListens_ThrowsTransportExceptionNamingTheEndpoint()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var exception = await Assert.ThrowsAsync<TransportException>(() => SocketStreams.ConnectAsync("127.0.0.1", port, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains($"127.0.0.1:{port}", exception.Message, StringComparison.Ordinal);
    }

    private static (FramedConnection Left, FramedConnection Right, RecordingFrameHandler Received) Connect(
        RecordingFrameHandler? receiver = null, int? socketBufferSize = null)
    {
        var (leftSocket, rightSocket) = SocketPair.Create(socketBufferSize);
        receiver ??= new RecordingFrameHandler();
        var left = new FramedConnection(SocketStreams.Open(leftSocket), Options, new RecordingFrameHandler(), NullLogger.Instance, "right");
        var right = new FramedConnection(SocketStreams.Open(rightSocket), Options, receiver, NullLogger.Instance, "left");
        left.Start();
        right.Start();
        return (left, right, receiver);
    }
}
