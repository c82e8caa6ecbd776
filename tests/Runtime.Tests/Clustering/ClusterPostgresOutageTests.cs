using Cluster.Runtime.Messaging;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Testing;
using Cluster.Runtime.Tests.Grains;
using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Tests.Storage;
using Npgsql;

namespace Cluster.Runtime.Tests.Clustering;

public sealed class ClusterPostgresOutageTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task CutOff_SiloLosesPostgres_WritesFailClearlyNothingAcknowledgedIsLostAndItRecovers()
    {
        await using var proxy = PostgresProxy();
        var throughProxy = ThroughProxy(proxy);
        await using var cluster = await StartEmptyClusterAsync();
        var silo = await cluster.StartSiloAsync(connectionString: throughProxy);
        var ledger = silo.GrainFactory.GetGrain<ILedgerGrain>(Probe.NewKey("ledger"));
        await ledger.AppendAsync(1);

        proxy.Cut();
        var failure = await Assert.ThrowsAsync<GrainStorageException>(() => ledger.AppendAsync(2));
        proxy.Restore();
        await Probe.WaitUntilAsync(async () => (await ledger.AppendAsync(3)).Count > 0, TimeSpan.FromSeconds(15), "writes succeed again once PostgreSQL is back");

        Assert.Contains("could not write state 'ledger'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Check that PostgreSQL is reachable", failure.Message, StringComparison.Ordinal);
        Assert.Equal([1, 3], await ledger.ReadAsync());
    }

    [Fact]
    public async Task Isolated_SiloCutOffFromPostgresAndItsOnlyPeer_StopsServingItsGrains()
    {
        await using var proxy = PostgresProxy();
        var throughProxy = ThroughProxy(proxy);
        await using var cluster = await StartEmptyClusterAsync();
        var peer = await cluster.StartSiloAsync();
        var isolated = await cluster.StartSiloAsync(connectionString: throughProxy);
        await cluster.WaitForMembershipAsync();
        var grain = isolated.GrainFactory.GetGrain<ILocalGrain>(Probe.NewKey("local"));
        Assert.Equal(TestCluster.AddressOf(isolated).ToString(), await grain.WhereAsync());

        // Whoever still reaches PostgreSQL could now declare the silo dead and reactivate its grains; the silo
        // cannot read that, so after the time others take to judge it, it must stop serving on its own.
        proxy.Cut();
        await cluster.KillSiloAsync(peer);

        string? refused = null;
        await Probe.WaitUntilAsync(async () => (refused = await RefusedAsync(grain)) is not null, TimeSpan.FromSeconds(10), "the isolated silo fences itself");
        Assert.Contains("cut off from it long enough", refused, StringComparison.Ordinal);
    }

    /// <summary>A proxy to the test server, which a test cuts to take PostgreSQL away from one silo.</summary>
    private TcpProxy PostgresProxy()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return new TcpProxy(server.Host!, server.Port);
    }

    // Short timeouts, so a cut shows within the test's patience.
    private string ThroughProxy(TcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;

    private Task<TestCluster> StartEmptyClusterAsync() => TestCluster.StartAsync(options =>
    {
        options.ConnectionString = database.ConnectionString;
        options.InitialSilos = 0;
    });

    private static async Task<string?> RefusedAsync(ILocalGrain grain)
    {
        try
        {
            await grain.WhereAsync();
            return null;
        }
        catch (SiloUnavailableException exception)
        {
            return exception.Message;
        }
    }
}
