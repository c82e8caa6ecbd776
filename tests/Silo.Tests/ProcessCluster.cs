using System.Diagnostics;
using Cluster.Runtime.Client;
using Cluster.Runtime.Membership;
using Microsoft.Extensions.Hosting;

namespace Cluster.Silo.Tests;

/// <summary>Steps shared by the tests of silo processes: waiting for them to be Active, and a client of them.</summary>
internal static class ProcessCluster
{
    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseClusterClient(options => options.ResponseTimeout = TimeSpan.FromSeconds(5));
        builder.AddPostgresGatewayDiscovery(options =>
        {
            options.ConnectionString = connectionString;
            options.ClusterId = clusterId;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public static async Task WaitForActiveSilosAsync(string connectionString, string clusterId, IReadOnlyList<SiloProcess> silos, int count)
    {
        await using var table = new PostgresMembershipTable(new PostgresMembershipOptions { ConnectionString = connectionString, ClusterId = clusterId });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var active = (await table.ReadAllAsync(CancellationToken.None)).Members.Count(member => member.Entry.Status == SiloStatus.Active);
            if (active == count)
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90) || silos.Any(silo => silo.HasExited))
            {
                Assert.Fail($"{active} of {count} silos became Active. Output of the silos:\n{string.Join("\n---\n", silos.Select(silo => silo.RecentOutput))}");
            }

            await Task.Delay(200);
        }
    }
}
