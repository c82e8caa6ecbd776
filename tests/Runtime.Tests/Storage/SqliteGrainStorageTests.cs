using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Internal;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Tests.Storage;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string Table = SqliteGrainStorageOptions.DefaultTableName;
    private const string Versions = StorageSchema.VersionsTable;
    private const string Component = StorageSchema.ComponentPrefix + Table;

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Initialization_creates_the_directory_a_wal_file_and_the_table()
    {
        var filePath = _directory.File("nested/deeper/cluster.db");
        using var storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { FilePath = filePath });

        await storage.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(filePath));
        Assert.Equal(["wal"], await QueryAsync(filePath, "PRAGMA journal_mode", r => r.GetString(0)));
        Assert.Equal([(Component, 1L)], await QueryAsync(filePath, $"SELECT component, version FROM {Versions}", r => (r.GetString(0), r.GetInt64(1))));
        Assert.Equal(
            [
                ("grain_type", "TEXT", 1L, 1L), ("grain_key", "TEXT", 1L, 2L), ("state_name", "TEXT", 1L, 3L), ("version", "INTEGER", 1L, 0L),
                ("payload", "TEXT", 0L, 0L), ("modified_at", "TEXT", 1L, 0L),
            ],
            await QueryAsync(filePath, $"PRAGMA table_info({Table})", r => (r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(5))));
    }

    [Fact]
    public async Task Four_providers_initializing_a_fresh_file_at_once_migrate_it_once()
    {
        var filePath = _directory.File("cluster.db");
        var loggers = Enumerable.Range(0, 4).Select(_ => new ListLogger<SqliteGrainStorage>()).ToArray();
        var providers = loggers.Select((logger, index) => new SqliteGrainStorage($"p{index}", new SqliteGrainStorageOptions { FilePath = filePath }, logger)).ToArray();
        try
        {
            await Task.WhenAll(providers.Select(provider => Task.Run(() => provider.InitializeAsync(CancellationToken.None))));

            var messages = loggers.SelectMany(logger => logger.Entries).Select(entry => entry.Message).ToArray();
            Assert.Single(messages, message => message.Contains("from schema version 0 to 1", StringComparison.Ordinal));
            Assert.Equal(3, messages.Count(message => message.Contains("at schema version 1", StringComparison.Ordinal)));
            await Task.WhenAll(providers.Select(provider =>
                provider.WriteStateAsync("profile", new GrainId("user", provider.Name), new GrainState<ProfileState>(new ProfileState()))));
        }
        finally
        {
            foreach (var provider in providers)
            {
                provider.Dispose();
            }
        }
    }

    [Fact]
    public async Task State_survives_a_new_provider_on_the_same_file()
    {
        var filePath = _directory.File("cluster.db");
        var grainId = new GrainId("user", "42");
        using (var first = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { FilePath = filePath }))
        {
            await first.WriteStateAsync("profile", grainId, new GrainState<ProfileState>(new ProfileState { Name = "Ada" }));
        }

        using var second = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { FilePath = filePath });
        var state = new GrainState<ProfileState>(new ProfileState());
        await second.ReadStateAsync("profile", grainId, state);

        Assert.Equal("Ada", state.State.Name);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task A_schema_newer_than_this_build_is_refused()
    {
        var filePath = _directory.File("cluster.db");
        await QueryAsync(
            filePath,
            $"CREATE TABLE {Versions} (component TEXT PRIMARY KEY, version INTEGER NOT NULL); "
            + $"INSERT INTO {Versions} VALUES ('{Component}', 99) RETURNING version",
            r => r.GetInt64(0));
        using var storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { FilePath = filePath });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("at version 99, newer than this build knows (1)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_file_is_data_cluster_db_under_the_working_directory()
    {
        using var storage = new SqliteGrainStorage(GrainStorageNames.Default);

        Assert.Equal(Path.GetFullPath("./data/cluster.db"), storage.FilePath);
    }

    private static async Task<List<T>> QueryAsync<T>(string filePath, string sql, Func<SqliteDataReader, T> map)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = filePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
