using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Messaging.Wire;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Remote;

/// <summary>Peers of an older protocol are served with what they read; peers of an unknown one are refused.</summary>
public sealed class ProtocolVersionTests
{
    [Fact]
    public async Task Client_GatewayOfProtocolOne_GetsRequestsWithoutTheRequestContext()
    {
        using var gateway = new TcpListener(IPAddress.Loopback, 0);
        gateway.Start();
        var received = ReceiveFirstRequestAsync(gateway);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{((IPEndPoint)gateway.LocalEndpoint).Port}");
            options.ResponseTimeout = TimeSpan.FromMilliseconds(500);
        });
        using var host = builder.Build();
        await host.StartAsync();

        RequestContext.Set(RequestContext.CorrelationIdKey, "for-a-v2-peer-only");
        var call = host.Services.GetRequiredService<IClusterClient>().GetGrain<ICallGrain>(Probe.NewKey()).EchoAsync("old peer");
        RequestContext.Clear();
        var header = await received.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        await host.StopAsync();

        Assert.Equal(typeof(ICallGrain).FullName, header.InterfaceName);
        Assert.Null(header.Context);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(HelloMessage.CurrentProtocolVersion + 1)]
    public async Task Gateway_HelloOfAProtocolItDoesNotSpeak_ClosesTheConnection(int version)
    {
        await using var silo = await TestSilo.StartAsync(configureSilo: builder => builder.AddGateway(options => options.Port = 0));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, silo.GatewayEndpoint!.Port);

        await socket.SendAsync(RawFrames.Frame(FrameType.Hello, Hello(version)));
        var (_, read) = await RawFrames.ReadUntilClosedAsync(socket, new byte[64 * 1024]);

        Assert.Equal(0, read);
    }

    // Plays a gateway of protocol 1: says hello, then returns the header of the first request it gets.
    private static async Task<RequestHeader> ReceiveFirstRequestAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        await socket.SendAsync(RawFrames.Frame(FrameType.Hello, Hello(1, $$""","grainTypes":{"{{typeof(ICallGrain).FullName}}":"call"}""")));
        while (true)
        {
            var (type, payload) = await RawFrames.ReadAsync(socket);
            if (type == FrameType.Request)
            {
                var reader = new WireReader(new ReadOnlySequence<byte>(payload));
                return MessageCodec.ReadRequestHeader(ref reader);
            }
        }
    }

    private static byte[] Hello(int version, string grainTypes = ",\"grainTypes\":{}") =>
        Encoding.UTF8.GetBytes($$"""{"protocolVersion":{{version}},"processId":"v{{version}}","role":"silo"{{grainTypes}}}""");
}
