using System.Globalization;
using Cluster.Dashboard.Hosting;
using Cluster.Dashboard.Sampling;
using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// Grain calls per second through a silo's gateway, in one process, on three silos measured in turn (the order
/// rotating every round, so drift on this noisy machine hits each alike): one with no dashboard at all, one whose
/// dashboard exists but nobody watches, and one watched (sampled every 2 s, metrics collected).
/// </summary>
internal static class DashboardCost
{
    public static async Task RunAsync(TimeSpan round, int rounds, int callers)
    {
        await using var bare = await TestSilo.StartAsync(configureSilo: WithGateway);
        await using var closed = await TestSilo.StartAsync(configureSilo: WithGateway);
        await using var open = await TestSilo.StartAsync(configureSilo: WithGateway);
        using var bareClient = await ClientOfAsync(bare);
        using var closedClient = await ClientOfAsync(closed);
        using var openClient = await ClientOfAsync(open);
        await using var unwatched = Sampler(closedClient);
        await using var watched = Sampler(openClient);
        using var watching = new CancellationTokenSource();
        var samples = WatchAsync(watched, watching.Token);

        var configurations = new (string Name, IReadOnlyList<IBenchGrain> Grains)[]
        {
            ("no dashboard", Grains(bareClient, callers)),
            ("dashboard closed", Grains(closedClient, callers)),
            ("dashboard open", Grains(openClient, callers)),
        };
        foreach (var (_, grains) in configurations)
        {
            await MetricsCost.MeasureAsync(grains, TimeSpan.FromSeconds(2));
        }

        var closedRatios = new List<double>();
        var openRatios = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var rates = new double[configurations.Length];
            for (var j = 0; j < configurations.Length; j++)
            {
                var index = (i + j) % configurations.Length;
                rates[index] = await MetricsCost.MeasureAsync(configurations[index].Grains, round);
            }

            closedRatios.Add(rates[1] / rates[0]);
            openRatios.Add(rates[2] / rates[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {i + 1}: {rates[0]:F0} calls/s no dashboard, {rates[1]:F0} closed ({rates[1] / rates[0]:P1}), {rates[2]:F0} open ({rates[2] / rates[0]:P1})"));
        }

        await watching.CancelAsync();
        var received = await samples;
        closedRatios.Sort();
        openRatios.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median over {rounds} rounds: closed {closedRatios[rounds / 2]:P1}, open {openRatios[rounds / 2]:P1} of no dashboard; {received} dashboard samples taken while open"));
    }

    private static void WithGateway(ISiloBuilder silo) => silo.AddGateway(options => options.Port = 0);

    private static async Task<IHost> ClientOfAsync(TestSilo silo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.Gateways.Add($"127.0.0.1:{silo.GatewayEndpoint!.Port}"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static DashboardSampler Sampler(IHost client) =>
        new(client.Services.GetRequiredService<IClusterClient>(), Options.Create(new DashboardOptions()), TimeProvider.System, NullLogger<DashboardSampler>.Instance);

    private static List<IBenchGrain> Grains(IHost client, int callers) =>
        [.. Enumerable.Range(0, callers).Select(i => client.Services.GetRequiredService<IClusterClient>().GetGrain<IBenchGrain>(i))];

    private static async Task<int> WatchAsync(DashboardSampler sampler, CancellationToken cancellationToken)
    {
        var received = 0;
        try
        {
            await foreach (var _ in sampler.WatchAsync(cancellationToken))
            {
                received++;
            }
        }
        catch (OperationCanceledException)
        {
            // Measured enough.
        }

        return received;
    }
}
