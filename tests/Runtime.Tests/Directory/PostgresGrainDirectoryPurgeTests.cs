using System.Globalization;
using Cluster.Runtime.Core;
using Cluster.Runtime.Directory;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Storage;
using static Cluster.Runtime.Tests.Directory.DirectoryTestData;
using static Cluster.Runtime.Tests.Storage.PostgresGrainStorageSchemaTests;

namespace Cluster.Runtime.Tests.Directory;

public sealed class PostgresGrainDirectoryPurgeTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task UnregisterSilos_OneOfThreeSilosWithTenThousandEntries_RemovesAllAndOnlyItsEntries()
    {
        var clusterId = NewClusterId();
        await using var directory = new PostgresGrainDirectory(DirectoryOptions(fixture.ConnectionString, clusterId));
        await directory.InitializeAsync(None);
        var silos = new[] { NewSilo(), NewSilo(), NewSilo() };
        var dead = silos[1];
        var restartedDead = new SiloAddress(dead.Host, dead.Port, dead.Generation + 1);
        var otherCluster = NewClusterId();
        for (var i = 0; i < silos.Length; i++)
        {
            await InsertManyAsync(clusterId, silos[i], "purge" + i, i == 1 ? 3334 : 3333);
        }

        await InsertManyAsync(clusterId, restartedDead, "restarted", 10);
        await InsertManyAsync(otherCluster, dead, "other", 10);
        var kept = await directory.RegisterAsync(NewAddress(NewGrain(), silos[0]), null, None);
        var purged = await directory.RegisterAsync(NewAddress(NewGrain(), dead), null, None);

        var removed = await directory.UnregisterSilosAsync([dead], None);

        Assert.Equal(3335, removed);
        Assert.Equal(
            [(silos[0].Port, silos[0].Generation, 3334L), (dead.Port, restartedDead.Generation, 10L), (silos[2].Port, silos[2].Generation, 3333L)],
            await CountsAsync(clusterId));
        Assert.Equal([(dead.Port, dead.Generation, 10L)], await CountsAsync(otherCluster));
        Assert.Null(await directory.LookupAsync(purged.GrainId, None));
        Assert.Equal(kept, await directory.LookupAsync(kept.GrainId, None));
        Assert.Null(await directory.LookupAsync(new GrainId("purge1", "17"), None));
        Assert.Equal(silos[2], (await directory.LookupAsync(new GrainId("purge2", "17"), None))?.SiloAddress);
        Assert.Equal(0, await directory.UnregisterSilosAsync([dead], None));
    }

    [Fact]
    public async Task UnregisterSilos_SeveralSilosOrNone_RemovesEachOnesEntries()
    {
        await using var directory = new PostgresGrainDirectory(DirectoryOptions(fixture.ConnectionString));
        var silos = new[] { NewSilo(), NewSilo(), NewSilo() };
        var addresses = silos.Select(silo => NewAddress(NewGrain(), silo)).ToArray();
        foreach (var address in addresses)
        {
            await directory.RegisterAsync(address, null, None);
        }

        Assert.Equal(0, await directory.UnregisterSilosAsync([], None));
        Assert.Equal(2, await directory.UnregisterSilosAsync([silos[0], silos[2], NewSilo()], None));

        var left = await directory.LookupManyAsync(addresses.Select(address => address.GrainId).ToArray(), None);
        Assert.Equal(addresses[1], Assert.Single(left).Value);
    }

    // One INSERT ... SELECT per silo: registering 10,000 grains one by one would make this test the slowest of the suite.
    private async Task InsertManyAsync(string clusterId, SiloAddress silo, string grainType, int count) =>
        await ExecuteAsync(
            fixture.ConnectionString,
            string.Create(
                CultureInfo.InvariantCulture,
                $"""
                INSERT INTO cluster_directory (cluster_id, grain_type, grain_key, silo_address, silo_port, silo_generation, activation_id, registered_at)
                SELECT '{clusterId}', '{grainType}', i::text, '{silo.Host}', {silo.Port}, {silo.Generation}, gen_random_uuid(), now()
                FROM generate_series(1, {count}) AS i
                """));

    private Task<List<(int Port, long Generation, long Count)>> CountsAsync(string clusterId) =>
        QueryAsync(
            fixture.ConnectionString,
            $"SELECT silo_port, silo_generation, count(*) FROM cluster_directory WHERE cluster_id = '{clusterId}' GROUP BY 1, 2 ORDER BY 1, 2",
            reader => (reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2)));
}
