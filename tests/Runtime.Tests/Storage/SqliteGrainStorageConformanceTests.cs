using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Cluster.Runtime.Tests.Storage;

public sealed class SqliteGrainStorageConformanceTests : GrainStorageConformanceTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _filePath;

    public SqliteGrainStorageConformanceTests() => _filePath = _directory.File("state/cluster.db");

    public void Dispose() => _directory.Dispose();

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = new SqliteGrainStorage(ProviderName, new SqliteGrainStorageOptions { FilePath = _filePath });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    protected override async Task PutRawAsync(GrainId grainId, string stateName, int version, string? json)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _filePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO "{SqliteGrainStorageOptions.DefaultTableName}" (grain_type, grain_key, state_name, version, payload)
            VALUES ($type, $key, $name, $version, $payload)
            ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET version = excluded.version, payload = excluded.payload
            """;
        command.Parameters.AddWithValue("$type", grainId.Type);
        command.Parameters.AddWithValue("$key", grainId.Key);
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$payload", (object?)json ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
