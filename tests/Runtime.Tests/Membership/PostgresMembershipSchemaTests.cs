using Cluster.Runtime.Membership;
using Cluster.Runtime.Storage.Postgres;
using Cluster.Runtime.Tests.Storage;
using static Cluster.Runtime.Tests.Membership.MembershipTestData;
using static Cluster.Runtime.Tests.Storage.PostgresGrainStorageSchemaTests;

namespace Cluster.Runtime.Tests.Membership;

public sealed class PostgresMembershipSchemaTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Versions = "cluster_schema_versions";

    [Fact]
    public async Task Initialize_FourTablesOnAFreshDatabaseAtOnce_MigratesOnce()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var clusterId = NewClusterId();
        var loggers = Enumerable.Range(0, 4).Select(_ => new ListLogger<PostgresMembershipTable>()).ToArray();
        var tables = loggers.Select(logger => new PostgresMembershipTable(MembershipOptions(connectionString, clusterId), logger)).ToArray();
        try
        {
            await Task.WhenAll(tables.Select(table => Task.Run(() => table.InitializeAsync(CancellationToken.None))));

            var messages = loggers.SelectMany(logger => logger.Entries).Select(entry => entry.Message).ToArray();
            Assert.Single(messages, message => message.Contains("from schema version 0 to 1", StringComparison.Ordinal));
            Assert.Equal(3, messages.Count(message => message.Contains("at schema version 1", StringComparison.Ordinal)));
            Assert.Equal([("membership", 1)], await QueryAsync(connectionString, $"SELECT component, version FROM {Versions}", r => (r.GetString(0), r.GetInt32(1))));
            Assert.Equal(
                [(clusterId, 0)],
                await QueryAsync(connectionString, "SELECT cluster_id, version FROM cluster_membership_version", r => (r.GetString(0), r.GetInt32(1))));
            Assert.Equal(
                [
                    ("cluster_id", "text"), ("address", "text"), ("port", "integer"), ("generation", "bigint"), ("silo_name", "text"),
                    ("host_name", "text"), ("status", "smallint"), ("start_time", "timestamp with time zone"),
                    ("i_am_alive_time", "timestamp with time zone"), ("suspect_times", "jsonb"), ("row_version", "integer"),
                ],
                await QueryAsync(
                    connectionString,
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cluster_membership' ORDER BY ordinal_position",
                    r => (r.GetString(0), r.GetString(1))));

            var inserts = await Task.WhenAll(tables.Select(async table =>
            {
                var data = await table.ReadAllAsync(CancellationToken.None);
                return await table.InsertRowAsync(Entry(NewAddress()), data.Version.Next(), CancellationToken.None);
            }));
            Assert.Contains(true, inserts);
        }
        finally
        {
            foreach (var table in tables)
            {
                await table.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initialize_Repeatedly_IsIdempotentAndKeepsRowsAndVersion()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var options = MembershipOptions(connectionString);
        var entry = Entry(NewAddress(), Runtime.Membership.SiloStatus.Active);
        await using (var first = new PostgresMembershipTable(options))
        {
            await first.InitializeAsync(CancellationToken.None);
            await first.InitializeAsync(CancellationToken.None);
            await InsertAsync(first, entry);
        }

        var logger = new ListLogger<PostgresMembershipTable>();
        await using var second = new PostgresMembershipTable(options, logger);
        await second.InitializeAsync(CancellationToken.None);

        Assert.DoesNotContain(logger.Entries, log => log.Message.Contains("migrated", StringComparison.Ordinal));
        var data = await second.ReadAllAsync(CancellationToken.None);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal(entry, Assert.Single(data.Members).Entry);
    }

    [Fact]
    public async Task Initialize_NextToGrainStorage_SharesTheVersionsTable()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var storage = new PostgresGrainStorage("state", new PostgresGrainStorageOptions { ConnectionString = connectionString });
        await using var table = new PostgresMembershipTable(MembershipOptions(connectionString));

        await Task.WhenAll(storage.InitializeAsync(CancellationToken.None), table.InitializeAsync(CancellationToken.None));

        Assert.Equal(
            [("grain_storage:grain_state", 1), ("membership", 1)],
            await QueryAsync(connectionString, $"SELECT component, version FROM {Versions} ORDER BY component", r => (r.GetString(0), r.GetInt32(1))));
    }

    [Fact]
    public async Task Initialize_ConfiguredSchema_CreatesTheTablesThere()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var options = MembershipOptions(connectionString);
        options.Schema = "cluster_meta";
        await using var table = new PostgresMembershipTable(options);

        await InsertAsync(table, Entry(NewAddress()));

        Assert.Equal(
            [("cluster_meta", "cluster_membership"), ("cluster_meta", "cluster_membership_version"), ("cluster_meta", Versions)],
            await QueryAsync(
                connectionString,
                "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
                r => (r.GetString(0), r.GetString(1))));
    }

    [Fact]
    public async Task Initialize_SchemaNewerThanThisBuild_IsRefused()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await ExecuteAsync(
            connectionString,
            $"CREATE TABLE {Versions} (component text PRIMARY KEY, version integer NOT NULL); INSERT INTO {Versions} VALUES ('membership', 7)");
        await using var table = new PostgresMembershipTable(MembershipOptions(connectionString));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => table.ReadAllAsync(CancellationToken.None));

        Assert.Contains("'membership' in schema 'public' is at version 7, newer than this build knows (1)", exception.Message, StringComparison.Ordinal);
    }
}
