using System.Diagnostics.Metrics;
using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Diagnostics;

public sealed class ClusterMetricsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Scrape_OfASiloInATwoSiloCluster_CountsBothActiveSilosAndItsOwnCallsOnly()
    {
        await using var cluster = await TestCluster.StartAsync(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.InitialSilos = 2;
        });
        await cluster.WaitForMembershipAsync();
        var silo = cluster.Silos[0];
        using var collector = new MetricsCollector(silo.Services.GetRequiredService<IMeterFactory>(), Options.Create(new MetricsOptions()));
        collector.WritePrometheus();
        var key = Probe.NewKey("ledger");
        var receipt = await silo.GrainFactory.GetGrain<ILedgerGrain>(key).AppendAsync(1);

        var text = collector.WritePrometheus();
        var local = receipt.Silo == TestCluster.AddressOf(silo).ToString();

        Assert.Contains("cluster_silos{status=\"Active\"} 2\n", text, StringComparison.Ordinal);
        Assert.Equal(local, text.Contains("method=\"AppendAsync\",outcome=\"ok\"} 1\n", StringComparison.Ordinal));
    }
}
