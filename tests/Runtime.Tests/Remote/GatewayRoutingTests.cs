using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cluster.Runtime.Tests.Remote;

public sealed class GatewayRoutingTests
{
    [Fact]
    public async Task Calls_TwoGatewaysTwoClients_EachGrainIsServedByOneSiloForEveryClient()
    {
        await using var siloA = await TestSilo.StartAsync(configureSilo: silo => silo.AddGateway(options => options.Port = 0));
        await using var siloB = await TestSilo.StartAsync(configureSilo: silo => silo.AddGateway(options => options.Port = 0));
        string[] gateways = [$"127.0.0.1:{siloA.GatewayEndpoint!.Port}", $"127.0.0.1:{siloB.GatewayEndpoint!.Port}"];
        using var first = await StartClientAsync(gateways);
        using var second = await StartClientAsync([.. gateways.Reverse()]);
        var keys = Enumerable.Range(0, 40).Select(_ => Probe.NewKey()).ToList();

        foreach (var key in keys)
        {
            var viaFirst = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Client(first).GetGrain<ICallGrain>(key).ActivationIdAsync()));
            var viaSecond = await Client(second).GetGrain<ICallGrain>(key).ActivationIdAsync();

            Assert.Single(viaFirst.Append(viaSecond).Distinct());
        }

        var onA = siloA.Runtime.Catalog.Count;
        Assert.InRange(onA, 1, keys.Count - 1);
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public void StableHash_KnownInputs_SameValueInEveryProcess()
    {
        // Pinned: a per-process randomized hash (string.GetHashCode) would send one grain to different silos from different clients.
        Assert.Equal(0x4fa43d9ed1bccda7UL, StableHash.Of("user", "42", "127.0.0.1", 30000));
        Assert.NotEqual(StableHash.Of("user", "42", "127.0.0.1", 30000), StableHash.Of("user", "42", "127.0.0.1", 30001));
        Assert.NotEqual(StableHash.Of("ab", "c", "h", 1), StableHash.Of("a", "bc", "h", 1));
    }

    private static IClusterClient Client(IHost host) => host.Services.GetRequiredService<IClusterClient>();

    private static async Task<IHost> StartClientAsync(string[] gateways)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.Gateways.AddRange(gateways));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
