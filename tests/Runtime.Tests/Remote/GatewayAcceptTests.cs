using System.Net;
using System.Net.Sockets;
using System.Text;
using Cluster.Runtime.Activation;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Messaging.Remote;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Runtime.Tests.Remote;

/// <summary>Which connections a silo's gateway takes, and that it drains every one it took when it stops.</summary>
public sealed class GatewayAcceptTests
{
    [Fact]
    public async Task Accept_LinkOpenedToAnEarlierStartOfTheEndpoint_ClosedWithoutBeingRegistered()
    {
        await using var silo = await StartSiloAsync();
        var processId = Probe.NewKey("peer");
        var endpoint = silo.GatewayEndpoint!;
        using var socket = await ConnectAsync(endpoint, SiloHello(processId, target: $"127.0.0.1:{endpoint.Port}@1"));

        var (_, lastRead) = await RawFrames.ReadUntilClosedAsync(socket, new byte[64 * 1024]);

        Assert.Equal(0, lastRead);
        Assert.Null(Clients(silo).Find(processId));
    }

    [Fact]
    public async Task Accept_LinkOpenedToThisStart_Registered()
    {
        await using var silo = await StartSiloAsync();
        var processId = Probe.NewKey("peer");
        var self = silo.Services.GetRequiredService<SiloGateway>().SiloAddress!.ToString();

        using var socket = await ConnectAsync(silo.GatewayEndpoint!, SiloHello(processId, target: self));

        await Probe.WaitUntilAsync(() => Clients(silo).Find(processId) is not null, TimeSpan.FromSeconds(10), "the link is registered");
    }

    [Fact]
    public async Task Stop_ProcessWithTwoConnections_SaysGoodbyeOnBoth()
    {
        var silo = await StartSiloAsync();
        var processId = Probe.NewKey("client");
        using var first = await ConnectAsync(silo.GatewayEndpoint!, ClientHello(processId));
        using var second = await ConnectAsync(silo.GatewayEndpoint!, ClientHello(processId));
        await Probe.WaitUntilAsync(() => Clients(silo).Snapshot().Count == 2, TimeSpan.FromSeconds(10), "both connections are registered");

        var stopping = silo.DisposeAsync().AsTask();
        var goodbyes = await Task.WhenAll(AcknowledgeGoodbyeAsync(first), AcknowledgeGoodbyeAsync(second));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(goodbyes, Assert.True);
    }

    private static Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(configureSilo: builder => builder.AddGateway(options => options.Port = 0));

    private static ConnectedClients Clients(TestSilo silo) => silo.Services.GetRequiredService<GrainRuntime>().Clients;

    private static async Task<Socket> ConnectAsync(IPEndPoint endpoint, string hello)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port);
        await socket.SendAsync(RawFrames.Frame(FrameType.Hello, Encoding.UTF8.GetBytes(hello)));
        return socket;
    }

    // Reads until the silo says goodbye, then acknowledges it as a peer does; false if the connection closed first.
    private static async Task<bool> AcknowledgeGoodbyeAsync(Socket socket)
    {
        try
        {
            while (true)
            {
                var (type, payload) = await RawFrames.ReadAsync(socket).WaitAsync(TimeSpan.FromSeconds(10));
                if (type == FrameType.Goodbye && payload.Length == 0)
                {
                    await socket.SendAsync(RawFrames.Frame(FrameType.Goodbye, [1]));
                    return true;
                }
            }
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string ClientHello(string processId) =>
        $$$"""{"protocolVersion":{{{HelloMessage.CurrentProtocolVersion}}},"processId":"{{{processId}}}","role":"client","grainTypes":{}}""";

    private static string SiloHello(string processId, string target) =>
        $$$"""{"protocolVersion":{{{HelloMessage.CurrentProtocolVersion}}},"processId":"{{{processId}}}","role":"silo","grainTypes":{},"siloAddress":"127.0.0.1:1@1","targetSilo":"{{{target}}}"}""";
}
