using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Membership;

public sealed class GatewayDiscoveryTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Client_WithoutConfiguredGateways_FindsSilosInTheTableAndFollowsThem()
    {
        var clusterId = Probe.NewKey("cluster");
        var first = await StartSiloAsync(clusterId);
        using var client = await StartClientAsync(clusterId);
        var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICallGrain>(Probe.NewKey());
        Assert.Equal("via first", await grain.EchoAsync("via first"));

        await using var second = await StartSiloAsync(clusterId);
        await first.DisposeAsync();

        // The first silo's row turned Dead (notified); the client drops its gateway and reaches the second.
        await Probe.WaitUntilAsync(() => TryEcho(grain), TimeSpan.FromSeconds(15), "calls reach the second silo");
        await client.StopAsync();
    }

    [Fact]
    public async Task Start_NoGatewaysAndNoDiscovery_FailsWithAdvice()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient();
        using var host = builder.Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("ClusterClient:Gateways is empty", exception.Message, StringComparison.Ordinal);
    }

    private static bool TryEcho(ICallGrain grain)
    {
        try
        {
            return grain.EchoAsync("up").Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private async Task<IHost> StartClientAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.ReconnectDelay = TimeSpan.FromMilliseconds(50));
        builder.AddPostgresGatewayDiscovery(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.ClusterId = clusterId;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private Task<TestSilo> StartSiloAsync(string clusterId) =>
        TestSilo.StartAsync(configureSilo: silo =>
        {
            silo.AddGateway(options => options.Port = 0);
            silo.AddPostgresClustering(options =>
            {
                options.ConnectionString = database.ConnectionString;
                options.ClusterId = clusterId;
            });
            silo.Services.Configure<ClusterMembershipOptions>(options => options.IAmAlivePeriod = TimeSpan.FromMilliseconds(200));
        });
}
