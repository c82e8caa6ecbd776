using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Postgres;
using Npgsql;

namespace Cluster.Runtime.Tests.Storage;

public sealed class PostgresGrainStorageSchemaTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Table = PostgresGrainStorageOptions.DefaultTableName;
    private const string Versions = StorageSchema.VersionsTable;
    private const string Component = StorageSchema.ComponentPrefix + Table;

    [Fact]
    public async Task Four_providers_initializing_a_fresh_database_at_once_migrate_it_once()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var loggers = Enumerable.Range(0, 4).Select(_ => new ListLogger<PostgresGrainStorage>()).ToArray();
        var providers = loggers.Select((logger, index) => new PostgresGrainStorage($"p{index}", Options(connectionString), logger)).ToArray();
        try
        {
            await Task.WhenAll(providers.Select(provider => Task.Run(() => provider.InitializeAsync(CancellationToken.None))));

            var messages = loggers.SelectMany(logger => logger.Entries).Select(entry => entry.Message).ToArray();
            Assert.Single(messages, message => message.Contains("from schema version 0 to 1", StringComparison.Ordinal));
            Assert.Equal(3, messages.Count(message => message.Contains("at schema version 1", StringComparison.Ordinal)));
            Assert.Equal([(Component, 1)], await QueryAsync(connectionString, $"SELECT component, version FROM {Versions}", r => (r.GetString(0), r.GetInt32(1))));
            Assert.Equal(
                [
                    ("grain_type", "text", "NO"), ("grain_key", "text", "NO"), ("state_name", "text", "NO"), ("version", "integer", "NO"),
                    ("payload", "jsonb", "YES"), ("modified_at", "timestamp with time zone", "NO"),
                ],
                await QueryAsync(
                    connectionString,
                    $"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '{Table}' ORDER BY ordinal_position",
                    r => (r.GetString(0), r.GetString(1), r.GetString(2))));
            Assert.Equal(
                ["grain_type", "grain_key", "state_name"],
                await QueryAsync(
                    connectionString,
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                    + $"WHERE i.indrelid = '{Table}'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)",
                    r => r.GetString(0)));

            foreach (var provider in providers)
            {
                var state = new GrainState<ProfileState>(new ProfileState { Name = provider.Name });
                await provider.WriteStateAsync("profile", new GrainId("user", provider.Name), state);
                Assert.Equal("1", state.ETag);
            }
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Initialization_is_idempotent_and_keeps_data()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var grainId = new GrainId("user", "42");
        await using (var first = new PostgresGrainStorage("first", Options(connectionString)))
        {
            await first.InitializeAsync(CancellationToken.None);
            await first.InitializeAsync(CancellationToken.None);
            await first.WriteStateAsync("profile", grainId, new GrainState<ProfileState>(new ProfileState { Name = "Ada" }));
        }

        var logger = new ListLogger<PostgresGrainStorage>();
        await using var second = new PostgresGrainStorage("second", Options(connectionString), logger);
        await second.InitializeAsync(CancellationToken.None);

        Assert.Contains(logger.Entries, entry => entry.Message.Contains("at schema version 1", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, entry => entry.Message.Contains("migrated", StringComparison.Ordinal));
        var state = new GrainState<ProfileState>(new ProfileState());
        await second.ReadStateAsync("profile", grainId, state);
        Assert.Equal("Ada", state.State.Name);
        Assert.Equal([(Component, 1)], await QueryAsync(connectionString, $"SELECT component, version FROM {Versions}", r => (r.GetString(0), r.GetInt32(1))));
    }

    [Fact]
    public async Task Operations_initialize_the_schema_when_the_silo_did_not()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var storage = new PostgresGrainStorage("lazy", Options(connectionString));
        var state = new GrainState<ProfileState>(new ProfileState());

        await storage.ReadStateAsync("profile", new GrainId("user", "1"), state);

        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Configured_schema_and_table_are_created_and_used()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        var options = Options(connectionString);
        options.Schema = "cluster_state";
        options.TableName = "grain_profiles";
        await using var storage = new PostgresGrainStorage("custom", options);
        await storage.InitializeAsync(CancellationToken.None);
        await storage.WriteStateAsync("profile", new GrainId("user", "1"), new GrainState<ProfileState>(new ProfileState { Name = "Ada" }));

        Assert.Equal(
            [("cluster_state", Versions), ("cluster_state", "grain_profiles")],
            await QueryAsync(connectionString, "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2", r => (r.GetString(0), r.GetString(1))));
        Assert.Equal(
            ["Ada"],
            await QueryAsync(connectionString, "SELECT payload->>'name' FROM cluster_state.grain_profiles", r => r.GetString(0)));
        Assert.Equal(
            [(StorageSchema.ComponentPrefix + "grain_profiles", 1)],
            await QueryAsync(connectionString, $"SELECT component, version FROM cluster_state.{Versions}", r => (r.GetString(0), r.GetInt32(1))));
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await ExecuteAsync(
            connectionString,
            $"CREATE TABLE {Versions} (component text PRIMARY KEY, version integer NOT NULL); INSERT INTO {Versions} VALUES ('{Component}', 99)");
        await using var storage = new PostgresGrainStorage("old build", Options(connectionString));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("at version 99, newer than this build knows (1)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_not_in_utf8_is_refused()
    {
        var connectionString = await fixture.CreateDatabaseAsync("SQL_ASCII");
        await using var storage = new PostgresGrainStorage("ascii", Options(connectionString));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("encoding UTF8", exception.Message, StringComparison.Ordinal);
        Assert.Contains("SQL_ASCII", exception.Message, StringComparison.Ordinal);
    }

    internal static PostgresGrainStorageOptions Options(string connectionString) => new() { ConnectionString = connectionString };

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<List<T>> QueryAsync<T>(string connectionString, string sql, Func<NpgsqlDataReader, T> map)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
