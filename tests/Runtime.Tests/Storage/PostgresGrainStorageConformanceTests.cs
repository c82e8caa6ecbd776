using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;
using Cluster.Runtime.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Cluster.Runtime.Tests.Storage;

public sealed class PostgresGrainStorageConformanceTests(PostgresDatabaseFixture database)
    : GrainStorageConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = new PostgresGrainStorage(ProviderName, new PostgresGrainStorageOptions { ConnectionString = database.ConnectionString });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    protected override async Task PutRawAsync(GrainId grainId, string stateName, int version, string? json)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO "{PostgresGrainStorageOptions.DefaultSchema}"."{PostgresGrainStorageOptions.DefaultTableName}" (grain_type, grain_key, state_name, version, payload)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (grain_type, grain_key, state_name) DO UPDATE SET version = excluded.version, payload = excluded.payload
            """;
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = (object?)json ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }
}
