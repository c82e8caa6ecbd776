using Cluster.Runtime.Client;
using Cluster.Runtime.Core;
using Cluster.Runtime.Hosting;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;

namespace Cluster.Runtime.Tests.Clustering;

public sealed class ClusterRoutingTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Call_SameGrainFromEverySilo_ReachesOneActivation()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var keys = Enumerable.Range(0, 20).Select(_ => Probe.NewKey("ledger")).ToList();

        var fromFirst = await Task.WhenAll(keys.Select(key => cluster.Silos[0].GrainFactory.GetGrain<ILedgerGrain>(key).WhereAsync()));
        var fromSecond = await Task.WhenAll(keys.Select(key => cluster.Silos[1].GrainFactory.GetGrain<ILedgerGrain>(key).WhereAsync()));

        Assert.Equal(fromFirst, fromSecond);
        Assert.Equal(2, fromFirst.Distinct().Count());
        Assert.All(keys, key => Assert.Single(Probe.EventsOf(key)));
    }

    [Fact]
    public async Task Activate_RacingFirstCallsFromBothSilos_OnlyOneActivationRunsAndNoWriteIsLost()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var key = Probe.NewKey("ledger");

        var appends = Enumerable.Range(0, 40)
            .Select(i => cluster.Silos[i % 2].GrainFactory.GetGrain<ILedgerGrain>(key).AppendAsync(i));
        var receipts = await Task.WhenAll(appends);

        Assert.Single(Probe.EventsOf(key));
        Assert.Single(receipts.Select(receipt => receipt.Silo).Distinct());
        Assert.Equal(Enumerable.Range(1, 40), receipts.Select(receipt => receipt.Count).Order());
        Assert.Equal(Enumerable.Range(0, 40), (await cluster.Silos[0].GrainFactory.GetGrain<ILedgerGrain>(key).ReadAsync()).Order());
    }

    [Fact]
    public async Task Call_GrainToGrainAcrossSilos_ReachesTheOtherActivation()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var caller = Probe.NewKey("ledger");
        var callee = Probe.NewKey("ledger");
        var calleeSilo = await cluster.Silos[1].GrainFactory.GetGrain<ILedgerGrain>(callee).WhereAsync();

        var seenFromCaller = await cluster.Silos[0].GrainFactory.GetGrain<ILedgerGrain>(caller).WhereIsAsync(callee);

        Assert.Equal(calleeSilo, seenFromCaller);
        Assert.Single(Probe.EventsOf(callee));
    }

    [Fact]
    public async Task Call_StaleCacheAfterTheGrainMoved_IsForwardedToTheNewActivation()
    {
        await using var cluster = await StartClusterAsync(silos: 3);
        var (a, b, c) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);
        var key = Probe.NewKey("local");

        // Placed on B (its first caller), and cached by A.
        var first = await b.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync();
        Assert.Equal(first, await a.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync());

        await b.GrainFactory.GetGrain<ILocalGrain>(key).DeactivateAsync();
        await Probe.WaitUntilAsync(async () => await c.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync() == TestCluster.AddressOf(c).ToString(),
            because: "once deactivated on B the grain reactivates on C, its next first caller");

        Assert.Equal(TestCluster.AddressOf(c).ToString(), await a.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync());
    }

    [Fact]
    public async Task Call_FromAClientThroughTheGateways_ReachesOneActivation()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var client = await cluster.CreateClientAsync();
        var key = Probe.NewKey("ledger");

        var fromClient = await client.GetGrain<ILedgerGrain>(key).AppendAsync(1);
        var fromSilos = await Task.WhenAll(cluster.Silos.Select(silo => silo.GrainFactory.GetGrain<ILedgerGrain>(key).WhereAsync()));

        Assert.All(fromSilos, silo => Assert.Equal(fromClient.Silo, silo));
        Assert.Single(Probe.EventsOf(key));
    }

    [Fact]
    public async Task Call_FromAClientWithTheDirectory_CachesTheHostAndDropsTheEntryOnceTheGrainMoved()
    {
        await using var cluster = await StartClusterAsync(silos: 3);
        var client = await cluster.CreateClientAsync();
        var locator = Assert.IsType<ClusterClient>(client).Locator!;
        var key = Probe.NewKey("local");
        var grainId = new GrainId("local", key);
        var (a, c) = (cluster.Silos[0], cluster.Silos[2]);

        // Placed on A by its first caller; the client's second call finds it in the directory and caches it.
        var host = await a.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync();
        Assert.Equal(host, await client.GetGrain<ILocalGrain>(key).WhereAsync());
        Assert.True(locator.Cache.TryGet(grainId, out var cached));
        Assert.Equal(host, cached.SiloAddress.ToString());

        await a.GrainFactory.GetGrain<ILocalGrain>(key).DeactivateAsync();
        await Probe.WaitUntilAsync(async () => await c.GrainFactory.GetGrain<ILocalGrain>(key).WhereAsync() == TestCluster.AddressOf(c).ToString(),
            because: "once deactivated on A the grain reactivates on C, its next first caller");

        // The stale entry sends the call to A, which forwards it to C and says so: the client forgets the entry.
        Assert.Equal(TestCluster.AddressOf(c).ToString(), await client.GetGrain<ILocalGrain>(key).WhereAsync());
        Assert.False(locator.Cache.TryGet(grainId, out _));
    }

    [Fact]
    public async Task Place_SiloWithoutTheGrainClass_IsChosenNeitherByPlacementNorByClients()
    {
        // A rolling upgrade: the newer silo has grain classes the older one lacks (here: none at all).
        await using var cluster = await StartClusterAsync(silos: 1);
        var upgraded = cluster.Silos[0];
        var older = await cluster.StartSiloAsync(configure: silo => silo.DisableGrainAssemblyDiscovery());
        await cluster.WaitForMembershipAsync();
        var client = await cluster.CreateClientAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => Probe.NewKey("ledger")).ToList();

        var placed = await Task.WhenAll(keys.Select(key => upgraded.GrainFactory.GetGrain<ILedgerGrain>(key).WhereAsync()));
        var fromClient = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetGrain<ILedgerGrain>(Probe.NewKey("ledger")).WhereAsync()));

        Assert.All(placed.Concat(fromClient), silo => Assert.Equal(TestCluster.AddressOf(upgraded).ToString(), silo));
        Assert.NotEqual(TestCluster.AddressOf(upgraded), TestCluster.AddressOf(older));
    }

    private Task<TestCluster> StartClusterAsync(int silos) =>
        TestCluster.StartAsync(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.InitialSilos = silos;
        });
}
