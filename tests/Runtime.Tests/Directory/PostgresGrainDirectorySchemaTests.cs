using Cluster.Runtime.Directory;
using Cluster.Runtime.Membership;
using Cluster.Runtime.Tests.Storage;
using static Cluster.Runtime.Tests.Directory.DirectoryTestData;
using static Cluster.Runtime.Tests.Storage.PostgresGrainStorageSchemaTests;

namespace Cluster.Runtime.Tests.Directory;

public sealed class PostgresGrainDirectorySchemaTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Versions = "cluster_schema_versions";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Initialize_FourDirectoriesOnAFreshDatabaseAtOnce_MigratesOnce()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var options = DirectoryOptions(connectionString);
        var loggers = Enumerable.Range(0, 4).Select(_ => new ListLogger<PostgresGrainDirectory>()).ToArray();
        var directories = loggers.Select(logger => new PostgresGrainDirectory(options, logger)).ToArray();
        try
        {
            await Task.WhenAll(directories.Select(directory => Task.Run(() => directory.InitializeAsync(None))));

            var messages = loggers.SelectMany(logger => logger.Entries).Select(entry => entry.Message).ToArray();
            Assert.Single(messages, message => message.Contains("from schema version 0 to 1", StringComparison.Ordinal));
            Assert.Equal(3, messages.Count(message => message.Contains("at schema version 1", StringComparison.Ordinal)));
            Assert.Equal([("directory", 1)], await QueryAsync(connectionString, $"SELECT component, version FROM {Versions}", r => (r.GetString(0), r.GetInt32(1))));
            Assert.Equal(
                [
                    ("cluster_id", "text"), ("grain_type", "text"), ("grain_key", "text"), ("silo_address", "text"), ("silo_port", "integer"),
                    ("silo_generation", "bigint"), ("activation_id", "uuid"), ("registered_at", "timestamp with time zone"),
                ],
                await QueryAsync(
                    connectionString,
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'cluster_directory' ORDER BY ordinal_position",
                    r => (r.GetString(0), r.GetString(1))));
            Assert.Equal(
                ["CREATE INDEX cluster_directory_silo ON public.cluster_directory USING btree (cluster_id, silo_address, silo_port, silo_generation)"],
                await QueryAsync(connectionString, "SELECT indexdef FROM pg_indexes WHERE indexname = 'cluster_directory_silo'", r => r.GetString(0)));
        }
        finally
        {
            foreach (var directory in directories)
            {
                await directory.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initialize_Repeatedly_IsIdempotentAndKeepsEntries()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var options = DirectoryOptions(connectionString);
        var address = NewAddress(NewGrain());
        await using (var first = new PostgresGrainDirectory(options))
        {
            await first.InitializeAsync(None);
            await first.InitializeAsync(None);
            await first.RegisterAsync(address, null, None);
        }

        var logger = new ListLogger<PostgresGrainDirectory>();
        await using var second = new PostgresGrainDirectory(options, logger);
        await second.InitializeAsync(None);

        Assert.DoesNotContain(logger.Entries, log => log.Message.Contains("migrated", StringComparison.Ordinal));
        Assert.Equal(address, await second.LookupAsync(address.GrainId, None));
    }

    [Fact]
    public async Task Initialize_NextToMembershipInAConfiguredSchema_SharesTheVersionsTable()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var directoryOptions = DirectoryOptions(connectionString);
        directoryOptions.Schema = "cluster_meta";
        await using var directory = new PostgresGrainDirectory(directoryOptions);
        await using var membership = new PostgresMembershipTable(
            new PostgresMembershipOptions { ConnectionString = connectionString, ClusterId = directoryOptions.ClusterId, Schema = "cluster_meta" });

        await Task.WhenAll(directory.InitializeAsync(None), membership.InitializeAsync(None));

        Assert.Equal(
            [("directory", 1), ("membership", 1)],
            await QueryAsync(connectionString, $"SELECT component, version FROM cluster_meta.{Versions} ORDER BY component", r => (r.GetString(0), r.GetInt32(1))));
        Assert.Equal(
            ["cluster_directory", "cluster_membership", "cluster_membership_version", Versions],
            await QueryAsync(connectionString, "SELECT tablename FROM pg_tables WHERE schemaname = 'cluster_meta' ORDER BY 1", r => r.GetString(0)));
    }
}
