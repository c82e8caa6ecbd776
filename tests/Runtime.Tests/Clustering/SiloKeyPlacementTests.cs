using Cluster.Runtime.Messaging;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Storage;

namespace Cluster.Runtime.Tests.Clustering;

public sealed class SiloKeyPlacementTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Call_KeyNamingEachSilo_RunsOnThatSiloFromAnyCaller()
    {
        await using var cluster = await StartClusterAsync();
        var client = await cluster.CreateClientAsync();
        var addresses = cluster.Silos.Select(silo => TestCluster.AddressOf(silo).ToString()).ToList();

        var fromFirstSilo = await Task.WhenAll(addresses.Select(address => cluster.Silos[0].GrainFactory.GetGrain<ISiloPinnedGrain>(address).WhereAsync()));
        var fromClient = await Task.WhenAll(addresses.Select(address => client.GetGrain<ISiloPinnedGrain>(address).WhereAsync()));

        Assert.Equal(addresses, fromFirstSilo);
        Assert.Equal(addresses, fromClient);
    }

    [Fact]
    public async Task Call_KeyNamingAnEarlierStartOfASilo_FailsInsteadOfRunningElsewhere()
    {
        await using var cluster = await StartClusterAsync();
        var live = TestCluster.AddressOf(cluster.Silos[1]);
        var earlier = $"{live.Host}:{live.Port}@1";

        var exception = await Assert.ThrowsAsync<SiloUnavailableException>(() => cluster.Silos[0].GrainFactory.GetGrain<ISiloPinnedGrain>(earlier).WhereAsync());

        Assert.Contains($"silo {earlier} is not Active", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_KeyThatIsNoSiloAddress_FailsSayingSo()
    {
        await using var cluster = await StartClusterAsync();

        var exception = await Assert.ThrowsAsync<SiloUnavailableException>(() => cluster.Silos[0].GrainFactory.GetGrain<ISiloPinnedGrain>("not-a-silo").WhereAsync());

        Assert.Contains("the key is no silo address", exception.Message, StringComparison.Ordinal);
    }

    private Task<TestCluster> StartClusterAsync() =>
        TestCluster.StartAsync(options => options.ConnectionString = database.ConnectionString);
}
