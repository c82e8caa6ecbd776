using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Remote;

public sealed class ConnectionRobustnessTests
{
    [Fact]
    public async Task DescribeAsync_ArgumentTheCalleeCannotRead_FailsThatCallOnlyAndTheConnectionStays()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync();
        var grain = cluster.Client.GetGrain<ICallGrain>(Probe.NewKey());

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => grain.DescribeAsync(new Circle { Radius = 2 }));

        Assert.Contains("could not be read", exception.Message, StringComparison.Ordinal);
        Assert.Equal("still connected", await grain.EchoAsync("still connected"));
    }

    [Fact]
    public async Task HoldAsync_RemoteCallersTimedOutWhileQueued_CalleeNeverRunsThem()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync(clientOptions: options => options.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        var grain = cluster.Client.GetGrain<ITurnGrain>(Probe.NewKey());

        var blocking = grain.HoldAsync(1000);
        await Task.Delay(50);
        var queued = Enumerable.Range(0, 3).Select(_ => grain.HoldAsync(1)).ToList();
        foreach (var call in queued.Prepend(blocking))
        {
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call);
        }

        await Task.Delay(1200);
        Assert.Equal(1, await cluster.Silo.GrainFactory.GetGrain<ITurnGrain>(grain.GetPrimaryKeyString()).EnteredAsync());
    }

    [Fact]
    public async Task Gateway_RequestFrameBeforeHello_ClosesTheConnection()
    {
        await using var silo = await TestSilo.StartAsync(configureSilo: builder => builder.AddGateway(options => options.Port = 0));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, silo.GatewayEndpoint!.Port);

        await socket.SendAsync(RawFrames.Frame(FrameType.Request, new byte[32]));
        var buffer = new byte[64 * 1024];
        var (received, read) = await RawFrames.ReadUntilClosedAsync(socket, buffer);

        // The gateway's hello may arrive first; then the connection ends instead of serving the request.
        Assert.Equal(0, read);
        Assert.True(received < buffer.Length);
    }

    [Fact]
    public async Task Gateway_LargeFrameBeforeHello_ClosesTheConnectionWithoutWaitingForIt()
    {
        await using var silo = await TestSilo.StartAsync(configureSilo: builder => builder.AddGateway(options => options.Port = 0));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, silo.GatewayEndpoint!.Port);

        // A header announcing a 1 MiB hello, then nothing: the gateway must not buffer it from an unknown peer.
        var header = new byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(header, 1024 * 1024);
        header[4] = (byte)FrameType.Hello;
        await socket.SendAsync(header);
        var (_, read) = await RawFrames.ReadUntilClosedAsync(socket, new byte[64 * 1024]);

        Assert.Equal(0, read);
    }

    [Fact]
    public async Task Gateway_MoreCallsInProgressThanMaxIncomingRequests_RefusesTheExcessWithTheSettingsName()
    {
        await using var cluster = await RemoteSiloAndClient.StartAsync(siloTransport: options => options.MaxIncomingRequests = 2);
        using var release = new CancellationTokenSource();
        var hanging = Enumerable.Range(0, 2)
            .Select(_ => cluster.Client.GetGrain<ICallGrain>(Probe.NewKey()).HangAsync(release.Token))
            .ToList();

        SiloUnavailableException? refused = null;
        for (var attempt = 0; attempt < 100 && refused is null; attempt++)
        {
            try
            {
                await cluster.Client.GetGrain<ICallGrain>(Probe.NewKey()).EchoAsync("one too many");
                await Task.Delay(50);
            }
            catch (SiloUnavailableException exception)
            {
                refused = exception;
            }
        }

        await release.CancelAsync();
        await Task.WhenAll(hanging.Select(call => Assert.ThrowsAnyAsync<OperationCanceledException>(() => call)));
        Assert.NotNull(refused);
        Assert.Contains("Transport:MaxIncomingRequests", refused.Message, StringComparison.Ordinal);

        // The callers see their cancellation at once; the silo frees the slots when the cancel frames reach it.
        await Probe.WaitUntilAsync(async () => await EchoUnlessRefusedAsync(cluster.Client.GetGrain<ICallGrain>(Probe.NewKey())) == "after",
            because: "the limit frees up once the cancelled calls have ended on the silo");
    }

    [Fact]
    public async Task Client_GatewayGoesSilent_ConnectionIsClosedAsDeadWithinThreePingIntervals()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var serving = ServeHelloThenSilenceAsync(silent);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.Gateways.Add($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<ClusterClient>();
        Assert.True(client.IsConnected);

        await Probe.WaitUntilAsync(() => !client.IsConnected, TimeSpan.FromSeconds(25), "the silent gateway is taken for dead");

        await host.StopAsync();
        silent.Stop();
        await Task.WhenAny(serving, Task.Delay(1000));
    }

    private static async Task<string?> EchoUnlessRefusedAsync(ICallGrain grain)
    {
        try
        {
            return await grain.EchoAsync("after");
        }
        catch (SiloUnavailableException)
        {
            return null;
        }
    }

    private static async Task ServeHelloThenSilenceAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        var hello = Encoding.UTF8.GetBytes($$$"""{"protocolVersion":{{{HelloMessage.CurrentProtocolVersion}}},"processId":"silent","role":"silo","grainTypes":{}}""");
        await socket.SendAsync(RawFrames.Frame(FrameType.Hello, hello));
        var sink = new byte[4096];
        while (await socket.ReceiveAsync(sink) > 0)
        {
            // Reads pings and never answers.
        }
    }
}
