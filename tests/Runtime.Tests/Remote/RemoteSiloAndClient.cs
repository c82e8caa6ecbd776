using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Remote;

/// <summary>A silo with a gateway on a free loopback port and a separate client host connected to it over TCP.</summary>
internal sealed class RemoteSiloAndClient : IAsyncDisposable
{
    private RemoteSiloAndClient(TestSilo silo, IHost client, int port)
    {
        Silo = silo;
        ClientHost = client;
        Port = port;
    }

    public TestSilo Silo { get; private set; }

    public IHost ClientHost { get; }

    public int Port { get; }

    public IClusterClient Client => ClientHost.Services.GetRequiredService<IClusterClient>();

    public static async Task<RemoteSiloAndClient> StartAsync(
        Action<SiloOptions>? siloOptions = null,
        Action<ClusterClientOptions>? clientOptions = null,
        Action<TransportOptions>? siloTransport = null,
        TimeProvider? clientTime = null)
    {
        var silo = await StartSiloAsync(0, siloOptions, siloTransport);
        var port = silo.GatewayEndpoint!.Port;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (clientTime is not null)
        {
            builder.Services.AddSingleton(clientTime);
        }

        builder.UseClusterClient(options =>
        {
            options.Gateways.Add($"127.0.0.1:{port}");
            options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
            clientOptions?.Invoke(options);
        });
        var client = builder.Build();
        await client.StartAsync();
        return new RemoteSiloAndClient(silo, client, port);
    }

    /// <summary>Stops the silo and starts a new one on the same port (the client reconnects by itself).</summary>
    public async Task RestartSiloAsync()
    {
        await Silo.DisposeAsync();
        Silo = await StartSiloAsync(Port, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await ClientHost.StopAsync();
        ClientHost.Dispose();
        await Silo.DisposeAsync();
    }

    private static Task<TestSilo> StartSiloAsync(int port, Action<SiloOptions>? siloOptions, Action<TransportOptions>? transport) =>
        TestSilo.StartAsync(siloOptions, configureSilo: silo =>
        {
            silo.AddGateway(options => options.Port = port);
            if (transport is not null)
            {
                silo.Services.Configure(transport);
            }
        });
}
